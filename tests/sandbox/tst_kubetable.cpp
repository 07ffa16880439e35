// Server-side printing: ages as Kubernetes humanizes them, and Kustomization rows.

#include "kube/kuberesourceregistry.h"
#include "kube/kubetable.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using Fluxdeck::Sandbox::KubeResourceRegistry;
using Fluxdeck::Sandbox::KubeTable;

class TestKubeTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void humanDuration_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("expected");
        QTest::newRow("future") << qint64(-5) << u"<invalid>"_s;
        QTest::newRow("skew") << qint64(-1) << u"0s"_s;
        QTest::newRow("seconds") << qint64(59) << u"59s"_s;
        QTest::newRow("under two minutes") << qint64(119) << u"119s"_s;
        QTest::newRow("minutes and seconds") << qint64(5 * 60 + 10) << u"5m10s"_s;
        QTest::newRow("whole minutes") << qint64(5 * 60) << u"5m"_s;
        QTest::newRow("minutes") << qint64(150 * 60 + 20) << u"150m"_s;
        QTest::newRow("hours and minutes") << qint64(3 * 3600 + 20 * 60) << u"3h20m"_s;
        QTest::newRow("hours") << qint64(30 * 3600 + 59) << u"30h"_s;
        QTest::newRow("days and hours") << qint64(2 * 86400 + 3 * 3600) << u"2d3h"_s;
        QTest::newRow("week") << qint64(7 * 86400) << u"7d"_s;
        QTest::newRow("days") << qint64(400 * 86400) << u"400d"_s;
        QTest::newRow("years and days") << qint64((2 * 365 + 30) * 86400) << u"2y30d"_s;
        QTest::newRow("years") << qint64(9 * 365 * 86400) << u"9y"_s;
    }

    void humanDuration()
    {
        QFETCH(qint64, seconds);
        QFETCH(QString, expected);
        QCOMPARE(KubeTable::humanDuration(seconds), expected);
    }

    void kustomizationRow()
    {
        const auto *type = KubeResourceRegistry::instance().find(u"kustomize.toolkit.fluxcd.io", u"kustomizations");
        const QDateTime now = QDateTime::fromString(u"2026-11-25T10:05:00Z"_s, Qt::ISODate);
        const auto table = KubeTable::forType(*type, u"v1"_s, now);
        QVERIFY(table);
        QStringList names;
        for (const QJsonValue &c : table->columnDefinitions())
            names.append(c.toObject().value(u"name").toString() + u':' + c.toObject().value(u"type").toString());
        QCOMPARE(names, (QStringList{u"Name:string"_s, u"Age:date"_s, u"Ready:string"_s, u"Status:string"_s}));
        const QJsonObject object{
            {u"metadata"_s, QJsonObject{{u"name"_s, u"apps"_s}, {u"creationTimestamp"_s, u"2026-11-25T10:00:00Z"_s}}},
            {u"status"_s, QJsonObject{{u"conditions"_s, QJsonArray{QJsonObject{{u"type"_s, u"Ready"_s}, {u"status"_s, u"False"_s},
                                                                               {u"message"_s, u"kustomization path not found"_s}}}}}},
        };
        QCOMPARE(table->cells(object), (QJsonArray{u"apps"_s, u"5m"_s, u"False"_s, u"kustomization path not found"_s}));
        QCOMPARE(table->cellsJson(object), QByteArray(R"(["apps","5m","False","kustomization path not found"])"));
        // What a JSONPath does not find is a null cell, which kubectl prints as nothing.
        QCOMPARE(table->cells(QJsonObject{{u"metadata"_s, QJsonObject{{u"name"_s, u"new"_s}}}}),
                 (QJsonArray{u"new"_s, QJsonValue::Null, QJsonValue::Null, QJsonValue::Null}));
    }

    void cellsJsonEscapes()
    {
        const auto *type = KubeResourceRegistry::instance().find(u"", u"configmaps");
        const auto table = KubeTable::forType(*type, u"v1"_s);
        QCOMPARE(table->cellsJson(QJsonObject{{u"metadata"_s, QJsonObject{{u"name"_s, u"a\"b\\c\nd\u00e9"_s}}}}),
                 QByteArray("[\"a\\\"b\\\\c\\nd\xc3\xa9\",\"0\",\"<unknown>\"]"));
    }
};

QTEST_GUILESS_MAIN(TestKubeTable)
#include "tst_kubetable.moc"
