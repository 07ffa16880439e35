// The preflight doctor against the in-process sandbox's demo cloud, where every check has a
// cluster that fails it: statuses per cluster, the explanations and az commands a person gets,
// the report, and the one-click fixes (provider registration, microsoft.flux update). Plus the
// rules behind the checks (RBAC wildcards, VM sizes, regions, endpoints) without a network.

#include "armclient.h"
#include "clientsecretcredential.h"
#include "fluxextensionreleases.h"
#include "operationsmodel.h"
#include "azurerbac.h"
#include "preflightdoctor.h"
#include "resultmessage.h"
#include "sandboxcloud.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using Fluxdeck::Items::OperationsModel;
using Fluxdeck::Items::PreflightCheck;
using Fluxdeck::Items::PreflightDoctor;
using Fluxdeck::Items::PreflightModel;
using Fluxdeck::Net::ArmClient;
using Fluxdeck::Net::ClientSecretCredential;
using Fluxdeck::Test::failureText;
using Fluxdeck::Test::SandboxCloud;

namespace {

const QString Prod = u"/subscriptions/6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5"_s;
const QString Dev = u"/subscriptions/7a2b3c4d-5e6f-4a7b-9c8d-e0f1a2b3c4d5"_s;

QString clusterPath(const QString &name)
{
    if (name == u"aks-dev-westus2")
        return Dev + u"/resourceGroups/rg-dev/providers/Microsoft.ContainerService/managedClusters/"_s + name;
    if (name.startsWith(u"aks-"))
        return Prod + u"/resourceGroups/rg-gitops-prod/providers/Microsoft.ContainerService/managedClusters/"_s + name;
    const QString group = name.startsWith(u"arc-factory") ? u"rg-factory"_s : u"rg-edge"_s;
    return Prod + u"/resourceGroups/"_s + group + u"/providers/Microsoft.Kubernetes/connectedClusters/"_s + name;
}

// "id: Status" per row, the way a person scans the list.
QStringList dump(const PreflightModel &model)
{
    QStringList rows;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row);
        const auto status = index.data(PreflightModel::StatusRole).value<PreflightCheck::Status>();
        rows.append(index.data(PreflightModel::IdRole).toString() + u": "_s
                    + QString::fromLatin1(QMetaEnum::fromType<PreflightCheck::Status>().valueToKey(int(status))));
    }
    return rows;
}

QStringList expected(const QString &identity, const QString &region, const QString &extension, const QString &arm64,
                     const QString &permissions, const QString &configurationProvider = u"Passed"_s)
{
    return {
        u"provider.Microsoft.Kubernetes: Passed"_s,
        u"provider.Microsoft.ContainerService: Passed"_s,
        u"provider.Microsoft.KubernetesConfiguration: "_s + configurationProvider,
        u"identity: "_s + identity,
        u"region: "_s + region,
        u"extension-version: "_s + extension,
        u"arm64: "_s + arm64,
        u"permissions: "_s + permissions,
        u"endpoints: Info"_s,
    };
}

} // namespace

class TestPreflightDoctor : public QObject
{
    Q_OBJECT

private:
    SandboxCloud m_sandbox;
    QNetworkAccessManager m_network;
    std::unique_ptr<ClientSecretCredential> m_credential;
    std::unique_ptr<ArmClient> m_arm;

    QJsonObject cluster(const QString &name)
    {
        const auto reply = m_arm->get(clusterPath(name));
        QSignalSpy finished(reply.get(), &Fluxdeck::Net::ArmReply::finished);
        if (!reply->isFinished() && !finished.wait(30000))
            return {};
        return reply->result() ? reply->result()->body : QJsonObject();
    }

    // A doctor for the named demo cluster, with its checks run to the end.
    std::unique_ptr<PreflightDoctor> examine(const QString &name, OperationsModel *operations = nullptr)
    {
        auto doctor = std::make_unique<PreflightDoctor>(m_arm.get(), operations, cluster(name));
        doctor->setNetworkAccessManager(&m_network);
        doctor->setCloud(m_sandbox.cloud());
        QSignalSpy finished(doctor.get(), &PreflightDoctor::finished);
        doctor->run();
        if (doctor->isRunning())
            finished.wait(60000);
        return doctor;
    }

    static const PreflightCheck &check(const PreflightDoctor &doctor, QLatin1StringView id)
    {
        static const PreflightCheck none;
        const PreflightCheck *found = doctor.model()->check(QString(id));
        return found ? *found : none;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const auto started = m_sandbox.start();
        QVERIFY2(started, failureText(started));
        m_credential = std::make_unique<ClientSecretCredential>(
            &m_network, m_sandbox.cloud(), m_sandbox.cloud().servicePrincipalTenant,
            m_sandbox.cloud().servicePrincipalClientId, m_sandbox.cloud().servicePrincipalSecret);
        auto options = ArmClient::Options::forCloud(m_sandbox.cloud());
        QVERIFY2(options, failureText(options));
        options->retryDelay = std::chrono::milliseconds(100);
        options->pollInterval = std::chrono::milliseconds(100);
        m_arm = std::make_unique<ArmClient>(&m_network, m_credential.get(), *options);
    }

    void rbacWildcards_data()
    {
        QTest::addColumn<QJsonArray>("permissions");
        QTest::addColumn<QString>("action");
        QTest::addColumn<bool>("allowed");
        const auto role = [](const QStringList &actions, const QStringList &notActions = {}) {
            return QJsonObject{{u"actions"_s, QJsonArray::fromStringList(actions)},
                               {u"notActions"_s, QJsonArray::fromStringList(notActions)}};
        };
        const QString write = u"Microsoft.KubernetesConfiguration/fluxConfigurations/write"_s;
        QTest::newRow("owner") << QJsonArray{role({u"*"_s})} << write << true;
        QTest::newRow("reader") << QJsonArray{role({u"*/read"_s})} << write << false;
        QTest::newRow("reader reads") << QJsonArray{role({u"*/read"_s})}
                                      << u"Microsoft.KubernetesConfiguration/fluxConfigurations/read"_s << true;
        QTest::newRow("provider wildcard") << QJsonArray{role({u"Microsoft.KubernetesConfiguration/*"_s})} << write << true;
        QTest::newRow("other case") << QJsonArray{role({u"microsoft.kubernetesconfiguration/FLUXCONFIGURATIONS/write"_s})}
                                    << write << true;
        QTest::newRow("not action") << QJsonArray{role({u"*"_s}, {u"Microsoft.KubernetesConfiguration/*/write"_s})}
                                    << write << false;
        QTest::newRow("another role grants it") << QJsonArray{role({u"*"_s}, {u"*/write"_s}), role({write})} << write << true;
        QTest::newRow("extensions only") << QJsonArray{role({u"Microsoft.KubernetesConfiguration/extensions/*"_s})}
                                         << write << false;
        QTest::newRow("none") << QJsonArray{} << write << false;
    }

    void rbacWildcards()
    {
        QFETCH(QJsonArray, permissions);
        QFETCH(QString, action);
        QFETCH(bool, allowed);
        QCOMPARE(Fluxdeck::Domain::rbacAllows(permissions, action), allowed);
    }

    void vmSizes_data()
    {
        QTest::addColumn<QString>("vmSize");
        QTest::addColumn<QString>("architecture");
        QTest::newRow("Dpsv5") << u"Standard_D4ps_v5"_s << u"arm64"_s;
        QTest::newRow("Dplsv5") << u"Standard_D2pls_v5"_s << u"arm64"_s;
        QTest::newRow("Epdsv5") << u"Standard_E8pds_v5"_s << u"arm64"_s;
        QTest::newRow("Dsv5") << u"Standard_D4s_v5"_s << u"amd64"_s;
        QTest::newRow("DSv2") << u"Standard_DS2_v2"_s << u"amd64"_s;
        QTest::newRow("NCads") << u"Standard_NC24ads_A100_v4"_s << u"amd64"_s;
        QTest::newRow("constrained") << u"Standard_E4-2s_v5"_s << u"amd64"_s;
        QTest::newRow("not a size") << u"m5.large"_s << QString();
    }

    void vmSizes()
    {
        QFETCH(QString, vmSize);
        QFETCH(QString, architecture);
        QCOMPARE(Fluxdeck::Items::architectureOfVmSize(vmSize), architecture);
    }

    void regionsCompareWithoutCaseOrSpaces()
    {
        const QStringList locations{u"East US"_s, u"West Europe"_s, u"UK South"_s};
        QVERIFY(Fluxdeck::Items::locationListed(locations, u"westeurope"_s));
        QVERIFY(Fluxdeck::Items::locationListed(locations, u"UKSOUTH"_s));
        QVERIFY(!Fluxdeck::Items::locationListed(locations, u"qatarcentral"_s));
    }

    void endpointsPerCloud()
    {
        const auto addresses = [](const QList<Fluxdeck::Items::OutboundEndpoint> &endpoints) {
            QStringList list;
            for (const auto &endpoint : endpoints) {
                list.append(endpoint.address);
                if (endpoint.purpose.isEmpty())
                    list.append(u"(no purpose)"_s);
            }
            return list;
        };
        QCOMPARE(addresses(Fluxdeck::Items::outboundEndpoints(QUrl(u"https://management.azure.com"_s), {}, u"West Europe"_s, false)),
                 (QStringList{u"https://management.azure.com"_s, u"https://westeurope.dp.kubernetesconfiguration.azure.com"_s,
                              u"https://login.microsoftonline.com"_s, u"https://westeurope.login.microsoft.com"_s,
                              u"https://login.windows.net"_s, u"https://mcr.microsoft.com"_s,
                              u"https://*.data.mcr.microsoft.com"_s}));
        const QStringList government = addresses(Fluxdeck::Items::outboundEndpoints(
            QUrl(u"https://management.usgovcloudapi.net"_s), {}, u"usgovvirginia"_s, true));
        QVERIFY(government.contains(u"https://usgovvirginia.dp.kubernetesconfiguration.azure.us"_s));
        QVERIFY(government.contains(u"https://login.microsoftonline.us"_s));
        QVERIFY(government.contains(u"https://gbl.his.arc.azure.us"_s));
        const QStringList china = addresses(Fluxdeck::Items::outboundEndpoints(
            QUrl(u"https://management.chinacloudapi.cn"_s), {}, u"chinanorth3"_s, false));
        QVERIFY(china.contains(u"https://chinanorth3.dp.kubernetesconfiguration.azure.cn"_s));
        QVERIFY(china.contains(u"https://mcr.azk8s.cn"_s));
        // A private cloud (the sandbox) names its own Resource Manager and sign-in.
        const QStringList sandbox = addresses(Fluxdeck::Items::outboundEndpoints(
            QUrl(u"https://127.0.0.1:4443"_s), QUrl(u"https://127.0.0.1:4443"_s), u"eastus"_s, false));
        QCOMPARE(sandbox.count(u"https://127.0.0.1:4443"_s), 2);
        QVERIFY(!sandbox.contains(u"(no purpose)"_s));
    }

    void modelUpdatesRowsInPlace()
    {
        PreflightModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        PreflightCheck region;
        region.id = u"region"_s;
        region.title = u"Region"_s;
        PreflightCheck identity;
        identity.id = u"identity"_s;
        identity.title = u"Identity"_s;
        model.setChecks({region, identity});
        QCOMPARE(model.rowCount(), 2);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        region.status = PreflightCheck::Status::Failed;
        region.fixLabel = u"Move"_s;
        region.fixAvailable = true;
        QVERIFY(model.update(region));
        model.setChecks({region, identity});
        QCOMPARE(reset.size(), 0);
        QCOMPARE(changed.size(), 2);
        PreflightCheck unknown;
        unknown.id = u"nothing"_s;
        QVERIFY(!model.update(unknown));
        QCOMPARE(model.index(0).data(PreflightModel::FixAvailableRole).toBool(), true);
        model.setFixRunning(u"region"_s, true);
        QCOMPARE(model.index(0).data(PreflightModel::FixAvailableRole).toBool(), false);
        QCOMPARE(model.index(0).data(PreflightModel::FixRunningRole).toBool(), true);
        QCOMPARE(model.index(0).data(Qt::AccessibleTextRole).toString(), u"Region: Failed"_s);
        QCOMPARE(model.roleNames().value(PreflightModel::AzCommandRole), QByteArray("azCommand"));
    }

    void demoClusters_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("statuses");
        QTest::newRow("healthy AKS") << u"aks-prod-eastus"_s
                                     << expected(u"Passed"_s, u"Passed"_s, u"Passed"_s, u"Passed"_s, u"Passed"_s);
        QTest::newRow("service principal") << u"aks-legacy-spn"_s
                                           << expected(u"Failed"_s, u"Passed"_s, u"Passed"_s, u"Passed"_s, u"Passed"_s);
        QTest::newRow("provider missing") << u"aks-dev-westus2"_s
                                          << expected(u"Passed"_s, u"Passed"_s, u"Passed"_s, u"Passed"_s, u"Passed"_s,
                                                      u"Failed"_s);
        QTest::newRow("old version, read only") << u"arc-retail-store-01"_s
                                                << expected(u"Passed"_s, u"Passed"_s, u"Failed"_s, u"Passed"_s, u"Failed"_s);
        QTest::newRow("no GitOps region") << u"arc-factory-doha"_s
                                          << expected(u"Passed"_s, u"Failed"_s, u"Passed"_s, u"Passed"_s, u"Passed"_s);
        QTest::newRow("ARM64 too old") << u"arc-factory-pi"_s
                                       << expected(u"Passed"_s, u"Passed"_s, u"Failed"_s, u"Failed"_s, u"Passed"_s);
        QTest::newRow("ARM64 not installed") << u"arc-edge-arm64"_s
                                             << expected(u"Passed"_s, u"Passed"_s, u"Passed"_s, u"Passed"_s, u"Passed"_s);
    }

    void demoClusters()
    {
        QFETCH(QString, name);
        QFETCH(QStringList, statuses);
        auto doctor = std::make_unique<PreflightDoctor>(m_arm.get(), nullptr, cluster(name));
        QAbstractItemModelTester tester(doctor->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        doctor->setNetworkAccessManager(&m_network);
        QSignalSpy finished(doctor.get(), &PreflightDoctor::finished);
        QSignalSpy running(doctor.get(), &PreflightDoctor::runningChanged);
        doctor->run();
        QVERIFY(doctor->isRunning());
        QVERIFY(finished.wait(60000));
        QCOMPARE(dump(*doctor->model()), statuses);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(running.size(), 2);
        QCOMPARE(doctor->clusterName(), name);
        QVERIFY(doctor->lastRun().isValid());
        for (const PreflightCheck &row : doctor->model()->checks()) {
            QVERIFY2(!row.explanation.isEmpty(), qPrintable(row.id));
            QVERIFY2(!row.title.isEmpty(), qPrintable(row.id));
            // A failing check either offers a fix or says what to run instead.
            if (row.status == PreflightCheck::Status::Failed)
                QVERIFY2(row.fixAvailable || !row.azCommand.isEmpty(), qPrintable(row.id));
        }
    }

    void servicePrincipalClusterShowsTheAzCommand()
    {
        const auto doctor = examine(u"aks-legacy-spn"_s);
        const PreflightCheck &identity = check(*doctor, PreflightDoctor::IdentityCheck);
        QCOMPARE(identity.status, PreflightCheck::Status::Failed);
        QVERIFY(!identity.fixAvailable);
        QCOMPARE(identity.azCommand,
                 u"az aks update --resource-group rg-gitops-prod --name aks-legacy-spn --enable-managed-identity"_s);
        QVERIFY2(identity.explanation.contains(u"service principal"_s), qPrintable(identity.explanation));
        QVERIFY(!doctor->fix(QString(PreflightDoctor::IdentityCheck)));
    }

    void arcClustersNeedNoManagedIdentityCheck()
    {
        const auto doctor = examine(u"arc-edge-arm64"_s);
        const PreflightCheck &identity = check(*doctor, PreflightDoctor::IdentityCheck);
        QCOMPARE(identity.status, PreflightCheck::Status::Passed);
        QVERIFY2(identity.explanation.contains(u"Arc"_s), qPrintable(identity.explanation));
        // ARM64 nodes, read through the cluster's Kubernetes API: advice for the installation to come.
        const PreflightCheck &arm64 = check(*doctor, PreflightDoctor::Arm64Check);
        QVERIFY2(arm64.explanation.contains(u"3 × arm64"_s), qPrintable(arm64.explanation));
        QVERIFY2(arm64.explanation.contains(u"kubernetes.io/arch"_s), qPrintable(arm64.explanation));
        QCOMPARE(arm64.azCommand, u"az k8s-extension create --resource-group rg-edge --cluster-name arc-edge-arm64 "
                                  "--cluster-type connectedClusters --name flux --extension-type microsoft.flux"_s);
    }

    void retailStoreIsOutdatedAndReadOnly()
    {
        const auto doctor = examine(u"arc-retail-store-01"_s);
        const PreflightCheck &permissions = check(*doctor, PreflightDoctor::PermissionsCheck);
        QCOMPARE(permissions.status, PreflightCheck::Status::Failed);
        QVERIFY2(permissions.explanation.contains(u"Microsoft.KubernetesConfiguration/fluxConfigurations/write"_s),
                 qPrintable(permissions.explanation));
        QVERIFY2(permissions.explanation.contains(u"Owner"_s), qPrintable(permissions.explanation));
        QVERIFY(!permissions.fixAvailable);
        QCOMPARE(permissions.azCommand,
                 u"az role assignment create --assignee '<your-user-or-service-principal>' --role Contributor --scope "_s
                     + clusterPath(u"arc-retail-store-01"_s));

        const QString latest = Fluxdeck::Domain::latestFluxExtensionRelease().version.toString();
        const PreflightCheck &extension = check(*doctor, PreflightDoctor::ExtensionVersionCheck);
        QCOMPARE(extension.status, PreflightCheck::Status::Failed);
        QVERIFY2(extension.explanation.contains(u"1.17.3"_s), qPrintable(extension.explanation));
        QCOMPARE(extension.azCommand, u"az k8s-extension update --resource-group rg-edge --cluster-name arc-retail-store-01 "
                                      "--cluster-type connectedClusters --name flux --version "_s
                                          + latest + u" --auto-upgrade-minor-version false"_s);
        // The update is there, but the caller may not write extensions: no one-click fix.
        QCOMPARE(extension.fixLabel, u"Update microsoft.flux to "_s + latest);
        QVERIFY(!extension.fixAvailable);
        QVERIFY2(extension.explanation.contains(u"Microsoft.KubernetesConfiguration/extensions/write"_s),
                 qPrintable(extension.explanation));
    }

    void regionWithoutGitOps()
    {
        const auto doctor = examine(u"arc-factory-doha"_s);
        const PreflightCheck &region = check(*doctor, PreflightDoctor::RegionCheck);
        QCOMPARE(region.status, PreflightCheck::Status::Failed);
        QVERIFY2(region.explanation.contains(u"qatarcentral"_s), qPrintable(region.explanation));
        QVERIFY(!region.fixAvailable);
        const PreflightCheck &endpoints = check(*doctor, PreflightDoctor::EndpointsCheck);
        QCOMPARE(endpoints.status, PreflightCheck::Status::Info);
        QVERIFY2(endpoints.explanation.contains(u"qatarcentral.dp.kubernetesconfiguration.azure.com"_s),
                 qPrintable(endpoints.explanation));
        QVERIFY2(endpoints.explanation.contains(u"mcr.microsoft.com"_s), qPrintable(endpoints.explanation));
        QVERIFY2(endpoints.explanation.contains(m_sandbox.cloud().resourceManager.toString(QUrl::RemovePath)),
                 qPrintable(endpoints.explanation));
    }

    void reportListsEveryCheck()
    {
        const auto doctor = examine(u"arc-retail-store-01"_s);
        const QString report = doctor->report();
        QVERIFY2(report.startsWith(u"Fluxdeck preflight report\n"_s), qPrintable(report));
        QVERIFY2(report.contains(u"Cluster: arc-retail-store-01\n"_s), qPrintable(report));
        QVERIFY2(report.contains(u"Resource: "_s + clusterPath(u"arc-retail-store-01"_s)), qPrintable(report));
        QVERIFY2(report.contains(u"Checked: "_s + doctor->lastRun().toString(Qt::ISODate)), qPrintable(report));
        QVERIFY2(report.contains(u"Summary: 6 passed, 2 failed, 0 warnings, 1 to verify, 0 could not be checked"_s),
                 qPrintable(report));
        for (const PreflightCheck &row : doctor->model()->checks()) {
            QVERIFY2(report.contains(u"["_s + PreflightCheck::statusText(row.status) + u"] "_s + row.title), qPrintable(row.id));
            if (!row.azCommand.isEmpty())
                QVERIFY2(report.contains(u"    az: "_s + row.azCommand), qPrintable(row.id));
        }
        QVERIFY2(report.contains(u"[Failed] You may install extensions and write Flux configurations"_s), qPrintable(report));
        QVERIFY2(report.contains(u"    az: az provider show --namespace Microsoft.KubernetesConfiguration --subscription "
                                 "6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5 --query registrationState"_s),
                 qPrintable(report));
    }

    void registersAMissingProvider()
    {
        OperationsModel operations;
        const auto doctor = examine(u"aks-dev-westus2"_s, &operations);
        const QString id = u"provider.Microsoft.KubernetesConfiguration"_s;
        const PreflightCheck *before = doctor->model()->check(id);
        QVERIFY(before);
        QCOMPARE(before->status, PreflightCheck::Status::Failed);
        QVERIFY(before->fixAvailable);
        QCOMPARE(before->fixLabel, u"Register Microsoft.KubernetesConfiguration"_s);
        QCOMPARE(before->azCommand, u"az provider register --namespace Microsoft.KubernetesConfiguration --subscription "
                                    "7a2b3c4d-5e6f-4a7b-9c8d-e0f1a2b3c4d5"_s);

        QSignalSpy fixed(doctor.get(), &PreflightDoctor::fixFinished);
        QVERIFY(doctor->fix(id));
        QVERIFY(doctor->isFixing(id));
        QVERIFY(!doctor->fix(id));   // one at a time
        QCOMPARE(operations.rowCount(), 1);
        QCOMPARE(operations.state(1), OperationsModel::State::Running);
        QVERIFY(fixed.wait(60000));
        QCOMPARE(fixed.first().at(0).toString(), id);
        QCOMPARE(fixed.first().at(1).toBool(), true);
        QCOMPARE(operations.state(1), OperationsModel::State::Succeeded);
        QVERIFY(!doctor->isFixing(id));
        const PreflightCheck *after = doctor->model()->check(id);
        QCOMPARE(after->status, PreflightCheck::Status::Passed);
        QVERIFY(!after->fixAvailable);

        // And a fresh run agrees: Azure has it registered.
        QSignalSpy finished(doctor.get(), &PreflightDoctor::finished);
        doctor->run();
        QVERIFY(finished.wait(60000));
        QCOMPARE(doctor->model()->check(id)->status, PreflightCheck::Status::Passed);
    }

    void cancelsARegistration()
    {
        // Unregister Microsoft.Kubernetes in the dev subscription so that there is something to register.
        const auto unregister = m_arm->post(Dev + u"/providers/Microsoft.Kubernetes/unregister"_s);
        QSignalSpy unregistered(unregister.get(), &Fluxdeck::Net::ArmReply::finished);
        QVERIFY(unregister->isFinished() || unregistered.wait(30000));
        const auto unregistration =
            unregister->result().transform_error([](const Fluxdeck::Net::ArmError &error) { return error.toError(); });
        QVERIFY2(unregistration, failureText(unregistration));

        OperationsModel operations;
        const auto doctor = examine(u"aks-dev-westus2"_s, &operations);
        const QString id = u"provider.Microsoft.Kubernetes"_s;
        QCOMPARE(doctor->model()->check(id)->status, PreflightCheck::Status::Failed);
        QSignalSpy fixed(doctor.get(), &PreflightDoctor::fixFinished);
        QVERIFY(doctor->fix(id));
        doctor->cancelFix(id);
        QCOMPARE(fixed.size(), 1);
        QCOMPARE(fixed.first().at(1).toBool(), false);
        QCOMPARE(operations.state(1), OperationsModel::State::Cancelled);
        QVERIFY(!doctor->isFixing());
        QVERIFY(doctor->model()->check(id)->status != PreflightCheck::Status::Running);
        QVERIFY(!doctor->isRunning());
    }

    void updatesAnOldExtensionOnArm64()
    {
        OperationsModel operations;
        const auto doctor = examine(u"arc-factory-pi"_s, &operations);
        const PreflightCheck &arm64 = check(*doctor, PreflightDoctor::Arm64Check);
        QCOMPARE(arm64.status, PreflightCheck::Status::Failed);
        QVERIFY2(arm64.explanation.contains(u"1.6.3"_s), qPrintable(arm64.explanation));
        QVERIFY(arm64.fixAvailable);
        // The extension's own failure, as Azure words it.
        const PreflightCheck &extension = check(*doctor, PreflightDoctor::ExtensionVersionCheck);
        QVERIFY2(extension.explanation.contains(u"no match for platform in manifest"_s), qPrintable(extension.explanation));

        QSignalSpy fixed(doctor.get(), &PreflightDoctor::fixFinished);
        QSignalSpy finished(doctor.get(), &PreflightDoctor::finished);
        QVERIFY(doctor->fix(QString(PreflightDoctor::Arm64Check)));
        // One fix for both rows.
        QVERIFY(doctor->isFixing(QString(PreflightDoctor::ExtensionVersionCheck)));
        QVERIFY(fixed.wait(60000));
        QVERIFY2(fixed.first().at(1).toBool(), qPrintable(fixed.first().at(2).toString()));
        QCOMPARE(fixed.first().at(0).toString(), QString(PreflightDoctor::Arm64Check));
        QTRY_VERIFY_WITH_TIMEOUT(!doctor->isRunning(), 60000);
        QCOMPARE(check(*doctor, PreflightDoctor::Arm64Check).status, PreflightCheck::Status::Passed);
        QCOMPARE(check(*doctor, PreflightDoctor::ExtensionVersionCheck).status, PreflightCheck::Status::Passed);
        QCOMPARE(operations.state(1), OperationsModel::State::Succeeded);
    }

    void cancelStopsTheChecks()
    {
        auto doctor = std::make_unique<PreflightDoctor>(m_arm.get(), nullptr, cluster(u"aks-prod-eastus"_s));
        QSignalSpy finished(doctor.get(), &PreflightDoctor::finished);
        doctor->run();
        QVERIFY(doctor->isRunning());
        doctor->cancel();
        QVERIFY(!doctor->isRunning());
        QCOMPARE(finished.size(), 1);
        QCOMPARE(doctor->model()->check(QString(PreflightDoctor::PermissionsCheck))->status, PreflightCheck::Status::Unknown);
    }

    void withoutAClientNothingIsChecked()
    {
        PreflightDoctor doctor(nullptr, nullptr, cluster(u"aks-prod-eastus"_s));
        doctor.run();
        QVERIFY(!doctor.isRunning());
        for (const PreflightCheck &row : doctor.model()->checks())
            QCOMPARE(row.status, PreflightCheck::Status::Unknown);
    }
};

QTEST_GUILESS_MAIN(TestPreflightDoctor)
#include "tst_preflightdoctor.moc"
