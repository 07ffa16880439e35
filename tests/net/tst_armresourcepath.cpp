#include "armresourcepath.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Fluxdeck::Net::ArmResourcePath;

namespace {

const QString Sub = u"/subscriptions/6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5"_s;
const QString Aks = Sub + u"/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1"_s;
const QString Arc = Sub + u"/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/arc1"_s;

} // namespace

class TestArmResourcePath : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("permission");

        QTest::newRow("subscriptions") << u"/subscriptions"_s << QByteArray("GET")
                                       << u"Microsoft.Resources/subscriptions"_s << QString()
                                       << u"Microsoft.Resources/subscriptions/read"_s;
        QTest::newRow("subscription") << Sub << QByteArray("GET") << u"Microsoft.Resources/subscriptions"_s
                                      << u"6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5"_s
                                      << u"Microsoft.Resources/subscriptions/read"_s;
        QTest::newRow("resource group write") << Sub + u"/resourcegroups/rg-edge"_s << QByteArray("PUT")
                                              << u"Microsoft.Resources/resourceGroups"_s << u"rg-edge"_s
                                              << u"Microsoft.Resources/subscriptions/resourceGroups/write"_s;
        QTest::newRow("providers") << Sub + u"/providers"_s << QByteArray("GET") << u"Microsoft.Resources/providers"_s
                                   << QString() << u"Microsoft.Resources/providers/read"_s;
        QTest::newRow("register") << Sub + u"/providers/Microsoft.KubernetesConfiguration/register"_s
                                  << QByteArray("POST") << u"Microsoft.KubernetesConfiguration"_s << QString()
                                  << u"Microsoft.KubernetesConfiguration/register/action"_s;
        QTest::newRow("clusters in subscription") << Sub + u"/providers/Microsoft.ContainerService/managedClusters"_s
                                                  << QByteArray("GET")
                                                  << u"Microsoft.ContainerService/managedClusters"_s << QString()
                                                  << u"Microsoft.ContainerService/managedClusters/read"_s;
        QTest::newRow("cluster credential") << Aks + u"/listClusterUserCredential"_s << QByteArray("POST")
                                            << u"Microsoft.ContainerService/managedClusters"_s << u"aks1"_s
                                            << u"Microsoft.ContainerService/managedClusters/listClusterUserCredential/action"_s;
        QTest::newRow("flux configuration put")
            << Arc + u"/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/cluster-config"_s
            << QByteArray("PUT") << u"Microsoft.KubernetesConfiguration/fluxConfigurations"_s << u"cluster-config"_s
            << u"Microsoft.KubernetesConfiguration/fluxConfigurations/write"_s;
        QTest::newRow("extension delete as URL")
            << u"https://management.azure.com"_s + Aks
                   + u"/providers/Microsoft.KubernetesConfiguration/extensions/flux?api-version=2025-03-01"_s
            << QByteArray("DELETE") << u"Microsoft.KubernetesConfiguration/extensions"_s << u"flux"_s
            << u"Microsoft.KubernetesConfiguration/extensions/delete"_s;
        QTest::newRow("resource graph") << u"/providers/Microsoft.ResourceGraph/resources"_s << QByteArray("POST")
                                        << u"Microsoft.ResourceGraph/resources"_s << QString()
                                        << u"Microsoft.ResourceGraph/resources/read"_s;
    }

    void parse()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, method);
        QFETCH(QString, type);
        QFETCH(QString, name);
        QFETCH(QString, permission);
        const ArmResourcePath parsed = ArmResourcePath::parse(path, method);
        QCOMPARE(parsed.resourceType(), type);
        QCOMPARE(parsed.name, name);
        QCOMPARE(parsed.permission(method), permission);
    }
};

QTEST_GUILESS_MAIN(TestArmResourcePath)
#include "tst_armresourcepath.moc"
