#include "armapiversions.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString Sub = u"/subscriptions/6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5"_s;
const QString Arc = Sub + u"/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/arc1"_s;

} // namespace

class TestArmApiVersions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneVersionPerType()
    {
        QSet<QString> types;
        for (const auto &entry : Fluxdeck::Net::armApiVersions()) {
            if (types.contains(entry.resourceType.toLower()))
                QFAIL(qPrintable(u"listed twice: "_s + entry.resourceType));
            types.insert(entry.resourceType.toLower());
            if (entry.apiVersion.contains(u"preview"_s))
                QFAIL(qPrintable(u"a preview version for "_s + entry.resourceType));
        }
    }

    void versionForPath_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("version");
        QTest::newRow("subscriptions") << u"/subscriptions"_s << u"2022-12-01"_s;
        QTest::newRow("resource groups") << Sub + u"/resourcegroups"_s << u"2024-11-01"_s;
        QTest::newRow("providers") << Sub + u"/providers"_s << u"2024-11-01"_s;
        QTest::newRow("provider") << Sub + u"/providers/Microsoft.KubernetesConfiguration"_s << u"2024-11-01"_s;
        QTest::newRow("register") << Sub + u"/providers/Microsoft.Kubernetes/register"_s << u"2024-11-01"_s;
        QTest::newRow("managed clusters") << Sub + u"/providers/Microsoft.ContainerService/managedClusters"_s
                                          << u"2026-04-01"_s;
        QTest::newRow("connected cluster") << Arc << u"2026-03-01"_s;
        QTest::newRow("cluster action") << Arc + u"/listClusterUserCredential"_s << u"2026-03-01"_s;
        QTest::newRow("extensions") << Arc + u"/providers/Microsoft.KubernetesConfiguration/extensions"_s
                                    << u"2025-03-01"_s;
        QTest::newRow("flux configuration")
            << Arc + u"/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/cluster-config"_s
            << u"2025-04-01"_s;
        QTest::newRow("resource graph") << u"/providers/Microsoft.ResourceGraph/resources"_s << u"2024-04-01"_s;
        QTest::newRow("permissions") << Arc + u"/providers/Microsoft.Authorization/permissions"_s << u"2022-04-01"_s;
        QTest::newRow("unknown") << Sub + u"/providers/Microsoft.Compute/virtualMachines"_s << QString();
    }

    void versionForPath()
    {
        QFETCH(QString, path);
        QFETCH(QString, version);
        QCOMPARE(Fluxdeck::Net::armApiVersion(path), version);
    }
};

QTEST_GUILESS_MAIN(TestArmApiVersions)
#include "tst_armapiversions.moc"
