#include "fluxextensionreleases.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Fluxdeck::Domain;

class TestFluxExtensionReleases final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTheReleaseNotes();
    void supportWindowIsTheLastThreeMinors();
    void arm64();
};

void TestFluxExtensionReleases::readsTheReleaseNotes()
{
    const QList<FluxExtensionRelease> &releases = fluxExtensionReleases();
    QVERIFY(releases.size() >= 40);
    QCOMPARE(releases.first().version, QVersionNumber(1, 6, 0));
    QVERIFY(std::is_sorted(releases.begin(), releases.end(),
                           [](const auto &a, const auto &b) { return a.version < b.version; }));
    const auto release = findFluxExtensionRelease(QVersionNumber(1, 17, 3));
    QVERIFY(release);
    QCOMPARE(release->fluxVersion, u"2.6.4"_s);
    QCOMPARE(release->released, u"September 2025"_s);
    // "(not listed)" in the notes is no version.
    QCOMPARE(findFluxExtensionRelease(QVersionNumber(1, 6, 4))->fluxVersion, QString());
    QCOMPARE(latestFluxExtensionRelease().version, releases.last().version);
}

void TestFluxExtensionReleases::supportWindowIsTheLastThreeMinors()
{
    const QStringList minors = supportedFluxExtensionMinors();
    QCOMPARE(minors.size(), 3);
    const QVersionNumber latest = latestFluxExtensionRelease().version;
    QCOMPARE(minors.first(), u"%1.%2"_s.arg(latest.majorVersion()).arg(latest.minorVersion()));
    QVERIFY(isFluxExtensionSupported(latest));
    // A patch the notes do not list yet is in its minor's window.
    QVERIFY(isFluxExtensionSupported(QVersionNumber(latest.majorVersion(), latest.minorVersion(), 99)));
    QVERIFY(!isFluxExtensionSupported(QVersionNumber(1, 17, 3)));
    QVERIFY(!isFluxExtensionSupported(QVersionNumber()));
}

void TestFluxExtensionReleases::arm64()
{
    QCOMPARE(fluxExtensionArm64Minimum(), QVersionNumber(1, 7, 0));
    QVERIFY(findFluxExtensionRelease(fluxExtensionArm64Minimum()));
}

QTEST_GUILESS_MAIN(TestFluxExtensionReleases)
#include "tst_fluxextensionreleases.moc"
