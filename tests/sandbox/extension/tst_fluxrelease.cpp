#include "extension/fluxrelease.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Fluxdeck::Sandbox;

namespace {

// The Azure reference notes live beside the repository (../shared), not in it: the test reads
// them where they are and skips when a checkout has none.
QString referenceFile(const QString &name)
{
    const QDir here = QFileInfo(QString::fromUtf8(__FILE__)).absoluteDir();
    return QDir::cleanPath(here.filePath(u"../../../../shared/reference/azure/"_s % name));
}

// Rows of the release history, header dropped, each split on tabs.
QList<QStringList> releaseHistory()
{
    QFile file(referenceFile(u"microsoft-flux-release-history.tsv"_s));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    QList<QStringList> rows;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    for (qsizetype i = 1; i < lines.size(); ++i)
        rows.append(lines.at(i).split(u'\t'));
    return rows;
}

} // namespace

class TestFluxRelease : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesReleaseHistory_data();
    void matchesReleaseHistory();
    void sameVersionsAsReleaseHistory();
    void versionsOldestFirst();
    void compareVersions_data();
    void compareVersions();
    void supportWindowIsLatestThreeMinors();
    void withinSupportWindow_data();
    void withinSupportWindow();
    void arm64MinimumIsTheReleaseThatAddedIt();
    void controllerNames();
};

void TestFluxRelease::matchesReleaseHistory_data()
{
    const QList<QStringList> rows = releaseHistory();
    if (rows.isEmpty())
        QSKIP("shared/reference/azure/microsoft-flux-release-history.tsv is not beside the repository");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QStringList>("expected"); // Flux, then the six controllers in table order
    QStringList previous;
    for (const QStringList &row : rows) {
        QStringList expected = row.mid(2, 7);
        // A release the notes list without versions kept its predecessor's.
        if (expected.constFirst().startsWith(u'('))
            expected = previous;
        QTest::newRow(qPrintable(row.constFirst())) << row.constFirst() << expected;
        previous = expected;
    }
}

void TestFluxRelease::matchesReleaseHistory()
{
    QFETCH(QString, version);
    QFETCH(QStringList, expected);
    const FluxRelease *release = findFluxRelease(version);
    QVERIFY2(release, qPrintable(u"missing from fluxReleases(): "_s % version));
    const QStringList actual{release->fluxVersion,
                             release->controllerVersion(FluxController::Source),
                             release->controllerVersion(FluxController::Kustomize),
                             release->controllerVersion(FluxController::Helm),
                             release->controllerVersion(FluxController::Notification),
                             release->controllerVersion(FluxController::ImageAutomation),
                             release->controllerVersion(FluxController::ImageReflector)};
    QCOMPARE(actual, expected);
}

void TestFluxRelease::sameVersionsAsReleaseHistory()
{
    const QList<QStringList> rows = releaseHistory();
    if (rows.isEmpty())
        QSKIP("shared/reference/azure/microsoft-flux-release-history.tsv is not beside the repository");
    QStringList versions;
    for (const QStringList &row : rows)
        versions.append(row.constFirst());
    QCOMPARE(fluxExtensionVersions(), versions);
    QCOMPARE(latestFluxExtensionVersion(), versions.constLast());
}

void TestFluxRelease::versionsOldestFirst()
{
    const QStringList versions = fluxExtensionVersions();
    QVERIFY(!versions.isEmpty());
    for (qsizetype i = 1; i < versions.size(); ++i)
        QVERIFY2(compareFluxExtensionVersions(versions.at(i - 1), versions.at(i)) < 0,
                 qPrintable(versions.at(i - 1) % u" before "_s % versions.at(i)));
}

void TestFluxRelease::compareVersions_data()
{
    QTest::addColumn<QString>("left");
    QTest::addColumn<QString>("right");
    QTest::addColumn<int>("sign");
    QTest::newRow("minor compared as a number") << u"1.9.1"_s << u"1.10.0"_s << -1;
    QTest::newRow("patch compared as a number") << u"1.16.12"_s << u"1.16.8"_s << 1;
    QTest::newRow("equal") << u"1.24.1"_s << u"1.24.1"_s << 0;
    QTest::newRow("major wins") << u"2.0.0"_s << u"1.24.1"_s << 1;
}

void TestFluxRelease::compareVersions()
{
    QFETCH(QString, left);
    QFETCH(QString, right);
    QFETCH(int, sign);
    const int result = compareFluxExtensionVersions(left, right);
    QCOMPARE((result > 0) - (result < 0), sign);
}

void TestFluxRelease::supportWindowIsLatestThreeMinors()
{
    // N-2 with 1.24.x the newest release.
    QCOMPARE(supportWindow(), (QStringList{u"1.22"_s, u"1.23"_s, u"1.24"_s}));
}

void TestFluxRelease::withinSupportWindow_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<bool>("supported");
    QTest::newRow("latest") << u"1.24.1"_s << true;
    QTest::newRow("older patch of the latest minor") << u"1.24.0"_s << true;
    QTest::newRow("N-1") << u"1.23.0"_s << true;
    QTest::newRow("N-2") << u"1.22.1"_s << true;
    QTest::newRow("patch unknown to the table, minor in the window") << u"1.22.9"_s << true;
    QTest::newRow("N-3") << u"1.21.1"_s << false;
    QTest::newRow("demo cloud's pinned 1.17.0") << u"1.17.0"_s << false;
    QTest::newRow("first release") << u"1.6.0"_s << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("minor only") << u"1.24"_s << false;
    QTest::newRow("suffix") << u"1.24.1-preview"_s << false;
    QTest::newRow("not a version") << u"latest"_s << false;
}

void TestFluxRelease::withinSupportWindow()
{
    QFETCH(QString, version);
    QFETCH(bool, supported);
    QCOMPARE(Fluxdeck::Sandbox::withinSupportWindow(version), supported);
}

void TestFluxRelease::arm64MinimumIsTheReleaseThatAddedIt()
{
    QCOMPARE(FluxArm64MinimumVersion, u"1.7.0");
    QVERIFY(findFluxRelease(FluxArm64MinimumVersion));
    const QList<QStringList> rows = releaseHistory();
    if (rows.isEmpty())
        QSKIP("shared/reference/azure/microsoft-flux-release-history.tsv is not beside the repository");
    const auto first = std::find_if(rows.cbegin(), rows.cend(), [](const QStringList &row) {
        return row.constLast().contains(u"ARM64"_s, Qt::CaseInsensitive);
    });
    QVERIFY(first != rows.cend());
    QCOMPARE(first->constFirst(), FluxArm64MinimumVersion.toString());
}

void TestFluxRelease::controllerNames()
{
    QStringList names;
    for (FluxController controller : fluxControllers())
        names.append(fluxControllerName(controller));
    QCOMPARE(names, (QStringList{u"source-controller"_s, u"kustomize-controller"_s, u"helm-controller"_s,
                                 u"notification-controller"_s, u"image-automation-controller"_s,
                                 u"image-reflector-controller"_s}));
}

QTEST_GUILESS_MAIN(TestFluxRelease)
#include "tst_fluxrelease.moc"
