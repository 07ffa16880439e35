#include "extension/fluxrelease.h"
#include "extension/fluxworkload.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Fluxdeck::Sandbox;

namespace {

const QString ClientId = u"4b7a1c2d-3e4f-5a6b-7c8d-9e0f1a2b3c4d"_s;
const QString TenantId = u"0f9e8d7c-6b5a-4c3d-2e1f-a0b1c2d3e4f5"_s;

QString referenceFile(const QString &name)
{
    const QDir here = QFileInfo(QString::fromUtf8(__FILE__)).absoluteDir();
    return QDir::cleanPath(here.filePath(u"../../../../shared/reference/azure/"_s % name));
}

QJsonObject json(const QString &text)
{
    return text.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(text.toUtf8()).object();
}

// The workload, or an empty array when it was refused (the test then fails on what it misses).
QJsonArray workload(const QString &settings, const QString &version = {}, const ClusterShape &cluster = {})
{
    const auto objects = fluxSystemObjects(json(settings), {}, version, cluster);
    if (!objects) {
        qWarning("refused: %s", qPrintable(objects.error().message));
        return {};
    }
    return *objects;
}

QList<QJsonObject> ofKind(const QJsonArray &objects, const QString &kind)
{
    QList<QJsonObject> found;
    for (const QJsonValue &object : objects) {
        if (object[u"kind"].toString() == kind)
            found.append(object.toObject());
    }
    return found;
}

QStringList names(const QList<QJsonObject> &objects)
{
    QStringList result;
    for (const QJsonObject &object : objects)
        result.append(object[u"metadata"][u"name"].toString());
    result.sort();
    return result;
}

QJsonObject named(const QJsonArray &objects, const QString &kind, const QString &name)
{
    for (const QJsonObject &object : ofKind(objects, kind)) {
        if (object[u"metadata"][u"name"].toString() == name)
            return object;
    }
    return {};
}

QJsonObject container(const QJsonArray &objects, const QString &deployment, const QString &name)
{
    const QJsonArray containers =
        named(objects, u"Deployment"_s, deployment)[u"spec"][u"template"][u"spec"][u"containers"].toArray();
    for (const QJsonValue &each : containers) {
        if (each[u"name"].toString() == name)
            return each.toObject();
    }
    return {};
}

QStringList args(const QJsonArray &objects, const QString &deployment)
{
    QStringList result;
    for (const QJsonValue &arg : container(objects, deployment, deployment)[u"args"].toArray())
        result.append(arg.toString());
    return result;
}

// The value of --flag=value, or a null string when the flag is absent.
QString flag(const QStringList &arguments, const QString &name)
{
    for (const QString &argument : arguments) {
        if (argument.startsWith(name % u'='))
            return argument.mid(name.size() + 1);
    }
    return {};
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

const QStringList DefaultDeployments{u"fluxconfig-agent"_s,  u"fluxconfig-controller"_s,   u"helm-controller"_s,
                                     u"kustomize-controller"_s, u"notification-controller"_s, u"source-controller"_s};

} // namespace

class TestFluxWorkload : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultDeployments();
    void toggles_data();
    void toggles();
    void everyObjectInFluxSystem();
    void podsRunning();
    void services_data();
    void services();
    void logLevels_data();
    void logLevels();
    void oomWatch_data();
    void oomWatch();
    void kustomizeTuning_data();
    void kustomizeTuning();
    void multiTenancy_data();
    void multiTenancy();
    void sshHostKeyArgs();
    void eventsAddress_data();
    void eventsAddress();
    void resources_data();
    void resources();
    void workloadIdentity_data();
    void workloadIdentity();
    void kubeServiceHostFqdn_data();
    void kubeServiceHostFqdn();
    void imagesFollowReleaseHistory_data();
    void imagesFollowReleaseHistory();
    void imagesOfKnownRelease();
    void architecture();
    void deterministicAndSettingsChangeTheHash();
    void refusesInvalidSettings_data();
    void refusesInvalidSettings();
};

void TestFluxWorkload::defaultDeployments()
{
    const QJsonArray objects = workload(QString());
    QCOMPARE(names(ofKind(objects, u"Deployment"_s)), DefaultDeployments);
    QCOMPARE(names(ofKind(objects, u"ServiceAccount"_s)), DefaultDeployments);
    QCOMPARE(ofKind(objects, u"ReplicaSet"_s).size(), DefaultDeployments.size());
    QCOMPARE(ofKind(objects, u"Pod"_s).size(), DefaultDeployments.size());
    QCOMPARE(names(ofKind(objects, u"Namespace"_s)), QStringList{u"flux-system"_s});
}

void TestFluxWorkload::toggles_data()
{
    QTest::addColumn<QString>("settings");
    QTest::addColumn<QStringList>("added");
    QTest::addColumn<QStringList>("removed");
    QTest::newRow("image automation on") << uR"({"image-automation-controller.enabled":"true"})"_s
                                         << QStringList{u"image-automation-controller"_s} << QStringList();
    QTest::newRow("image reflector on") << uR"({"image-reflector-controller.enabled":"true"})"_s
                                        << QStringList{u"image-reflector-controller"_s} << QStringList();
    QTest::newRow("both image controllers") << uR"({"image-automation-controller.enabled":"true",
                                                    "image-reflector-controller.enabled":"true"})"_s
                                            << QStringList{u"image-automation-controller"_s,
                                                           u"image-reflector-controller"_s}
                                            << QStringList();
    QTest::newRow("helm off") << uR"({"helm-controller.enabled":"false"})"_s << QStringList()
                              << QStringList{u"helm-controller"_s};
    QTest::newRow("notification off") << uR"({"notification-controller.enabled":"false"})"_s << QStringList()
                                      << QStringList{u"notification-controller"_s};
    QTest::newRow("every Flux controller off")
        << uR"({"source-controller.enabled":"false","kustomize-controller.enabled":"false",
                "helm-controller.enabled":"false","notification-controller.enabled":"false"})"_s
        << QStringList()
        << QStringList{u"source-controller"_s, u"kustomize-controller"_s, u"helm-controller"_s,
                       u"notification-controller"_s};
    QTest::newRow("explicit defaults change nothing")
        << uR"({"source-controller.enabled":"true","image-reflector-controller.enabled":"false"})"_s << QStringList()
        << QStringList();
    QTest::newRow("booleans in capitals") << uR"({"kustomize-controller.enabled":"False"})"_s << QStringList()
                                          << QStringList{u"kustomize-controller"_s};
}

void TestFluxWorkload::toggles()
{
    QFETCH(QString, settings);
    QFETCH(QStringList, added);
    QFETCH(QStringList, removed);
    QStringList expected = DefaultDeployments + added;
    for (const QString &name : std::as_const(removed))
        expected.removeAll(name);
    const QJsonArray objects = workload(settings);
    QCOMPARE(names(ofKind(objects, u"Deployment"_s)), sorted(expected));
    QCOMPARE(names(ofKind(objects, u"ServiceAccount"_s)), sorted(expected));
    QCOMPARE(ofKind(objects, u"Pod"_s).size(), expected.size());
}

void TestFluxWorkload::everyObjectInFluxSystem()
{
    const QJsonArray objects = workload(uR"({"image-automation-controller.enabled":"true"})"_s);
    QVERIFY(!objects.isEmpty());
    for (const QJsonValue &object : objects) {
        QVERIFY(!object[u"apiVersion"].toString().isEmpty());
        if (object[u"kind"].toString() == u"Namespace")
            continue;
        QCOMPARE(object[u"metadata"][u"namespace"].toString(), u"flux-system"_s);
    }
    for (const QJsonObject &deployment : ofKind(objects, u"Deployment"_s)) {
        const QJsonObject podSpec = deployment[u"spec"][u"template"][u"spec"].toObject();
        QCOMPARE(podSpec[u"nodeSelector"][u"kubernetes.io/os"].toString(), u"linux"_s);
        QCOMPARE(podSpec[u"serviceAccountName"].toString(), deployment[u"metadata"][u"name"].toString());
    }
}

void TestFluxWorkload::podsRunning()
{
    const QJsonArray objects = workload(uR"({"image-reflector-controller.enabled":"true"})"_s);
    const QList<QJsonObject> pods = ofKind(objects, u"Pod"_s);
    for (const QJsonObject &deployment : ofKind(objects, u"Deployment"_s)) {
        const QString name = deployment[u"metadata"][u"name"].toString();
        QCOMPARE(deployment[u"spec"][u"replicas"].toInt(), 1);
        QCOMPARE(deployment[u"status"][u"readyReplicas"].toInt(), 1);
        QCOMPARE(deployment[u"status"][u"availableReplicas"].toInt(), 1);
        const QJsonObject selector = deployment[u"spec"][u"selector"][u"matchLabels"].toObject();
        QCOMPARE(selector, (QJsonObject{{u"app"_s, name}}));

        // Exactly one pod, owned through the ReplicaSet, matching the selector.
        QList<QJsonObject> owned;
        for (const QJsonObject &pod : pods) {
            if (pod[u"metadata"][u"labels"][u"app"].toString() == name)
                owned.append(pod);
        }
        QCOMPARE(owned.size(), 1);
        const QJsonObject pod = owned.constFirst();
        const QString hash = pod[u"metadata"][u"labels"][u"pod-template-hash"].toString();
        QVERIFY(!hash.isEmpty());
        const QString replicaSet = name % u'-' % hash;
        QVERIFY(pod[u"metadata"][u"name"].toString().startsWith(replicaSet % u'-'));
        QCOMPARE(pod[u"metadata"][u"ownerReferences"][0][u"kind"].toString(), u"ReplicaSet"_s);
        QCOMPARE(pod[u"metadata"][u"ownerReferences"][0][u"name"].toString(), replicaSet);
        QCOMPARE(named(objects, u"ReplicaSet"_s, replicaSet)[u"metadata"][u"ownerReferences"][0][u"name"].toString(),
                 name);

        const QJsonObject status = pod[u"status"].toObject();
        QCOMPARE(status[u"phase"].toString(), u"Running"_s);
        bool ready = false;
        for (const QJsonValue &condition : status[u"conditions"].toArray()) {
            if (condition[u"type"].toString() == u"Ready")
                ready = condition[u"status"].toString() == u"True";
        }
        QVERIFY2(ready, qPrintable(name));
        const QJsonArray containers = pod[u"spec"][u"containers"].toArray();
        const QJsonArray statuses = status[u"containerStatuses"].toArray();
        QCOMPARE(statuses.size(), containers.size());
        for (qsizetype i = 0; i < statuses.size(); ++i) {
            QCOMPARE(statuses[i][u"name"], containers[i][u"name"]);
            QCOMPARE(statuses[i][u"image"], containers[i][u"image"]);
            QVERIFY(statuses[i][u"ready"].toBool());
            QCOMPARE(statuses[i][u"restartCount"].toInt(-1), 0);
            QVERIFY(statuses[i][u"state"][u"running"].isObject());
        }
        // Azure's agents ship their logs through a fluent-bit sidecar.
        QCOMPARE(containers.size(), name.startsWith(u"fluxconfig-"_s) ? 2 : 1);
    }
}

void TestFluxWorkload::services_data()
{
    QTest::addColumn<QString>("settings");
    QTest::addColumn<QStringList>("services");
    QTest::newRow("defaults") << QString()
                              << QStringList{u"notification-controller"_s, u"source-controller"_s,
                                             u"webhook-receiver"_s};
    QTest::newRow("notification off") << uR"({"notification-controller.enabled":"false"})"_s
                                      << QStringList{u"source-controller"_s};
    QTest::newRow("source off") << uR"({"source-controller.enabled":"false"})"_s
                                << QStringList{u"notification-controller"_s, u"webhook-receiver"_s};
}

void TestFluxWorkload::services()
{
    QFETCH(QString, settings);
    QFETCH(QStringList, services);
    const QJsonArray objects = workload(settings);
    QCOMPARE(names(ofKind(objects, u"Service"_s)), services);
    // Each Service reaches a port its pod declares.
    for (const QJsonObject &service : ofKind(objects, u"Service"_s)) {
        const QString app = service[u"spec"][u"selector"][u"app"].toString();
        const QString target = service[u"spec"][u"ports"][0][u"targetPort"].toString();
        bool declared = false;
        for (const QJsonValue &port : container(objects, app, app)[u"ports"].toArray())
            declared = declared || port[u"name"].toString() == target;
        QVERIFY2(declared, qPrintable(service[u"metadata"][u"name"].toString()));
    }
    if (services.contains(u"webhook-receiver"_s))
        QCOMPARE(named(objects, u"Service"_s, u"webhook-receiver"_s)[u"spec"][u"ports"][0][u"targetPort"].toString(),
                 u"http-webhook"_s);
}

void TestFluxWorkload::logLevels_data()
{
    QTest::addColumn<QString>("settings");
    QTest::addColumn<QString>("deployment");
    QTest::addColumn<QString>("level");
    QTest::newRow("default info") << QString() << u"source-controller"_s << u"info"_s;
    QTest::newRow("debug source") << uR"({"source-controller.log-level":"debug"})"_s << u"source-controller"_s
                                  << u"debug"_s;
    QTest::newRow("error kustomize") << uR"({"kustomize-controller.log-level":"error"})"_s
                                     << u"kustomize-controller"_s << u"error"_s;
    QTest::newRow("other controllers keep info") << uR"({"kustomize-controller.log-level":"error"})"_s
                                                 << u"helm-controller"_s << u"info"_s;
    QTest::newRow("image reflector") << uR"({"image-reflector-controller.enabled":"true",
                                            "image-reflector-controller.log-level":"debug"})"_s
                                     << u"image-reflector-controller"_s << u"debug"_s;
    QTest::newRow("agent") << uR"({"fluxconfig-agent.log-level":"error"})"_s << u"fluxconfig-agent"_s << u"error"_s;
    QTest::newRow("Azure controller") << uR"({"fluxconfig-controller.log-level":"error"})"_s
                                      << u"fluxconfig-controller"_s << u"error"_s;
    QTest::newRow("level in capitals") << uR"({"helm-controller.log-level":"DEBUG"})"_s << u"helm-controller"_s
                                       << u"debug"_s;
}

void TestFluxWorkload::logLevels()
{
    QFETCH(QString, settings);
    QFETCH(QString, deployment);
    QFETCH(QString, level);
    QCOMPARE(flag(args(workload(settings), deployment), u"--log-level"_s), level);
}

void TestFluxWorkload::oomWatch_data()
{
    QTest::addColumn<QString>("settings");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("featureGates");
    QTest::addColumn<QString>("threshold");
    QTest::addColumn<QString>("interval");
    QTest::newRow("off by default") << QString() << QString() << QString() << QString() << QString();
    QTest::newRow("on with defaults") << uR"({"helm-controller.outOfMemoryWatch.enabled":"true"})"_s << QString()
                                      << u"OOMWatch=true"_s << u"95"_s << u"500ms"_s;
    QTest::newRow("on, tuned") << uR"({"helm-controller.outOfMemoryWatch.enabled":"true",
                                      "helm-controller.outOfMemoryWatch.memoryThreshold":"70",
                                      "helm-controller.outOfMemoryWatch.interval":"700ms"})"_s
                               << u"1.7.5"_s << u"OOMWatch=true"_s << u"70"_s << u"700ms"_s;
    QTest::newRow("tuned but off") << uR"({"helm-controller.outOfMemoryWatch.memoryThreshold":"70"})"_s << QString()
                                   << QString() << QString() << QString();
    QTest::newRow("with drift detection") << uR"({"helm-controller.outOfMemoryWatch.enabled":"true",
                                                 "helm-controller.detectDrift":"true"})"_s
                                          << QString() << u"DetectDrift=true,CorrectDrift=true,OOMWatch=true"_s
                                          << u"95"_s << u"500ms"_s;
    QTest::newRow("drift detection alone") << uR"({"helm-controller.detectDrift":"true"})"_s << QString()
                                           << u"DetectDrift=true,CorrectDrift=true"_s << QString() << QString();
}

void TestFluxWorkload::oomWatch()
{
    QFETCH(QString, settings);
    QFETCH(QString, version);
    QFETCH(QString, featureGates);
    QFETCH(QString, threshold);
    QFETCH(QString, interval);
    const QStringList helm = args(workload(settings, version), u"helm-controller"_s);
    QVERIFY(!helm.isEmpty());
    QCOMPARE(flag(helm, u"--feature-gates"_s), featureGates);
    QCOMPARE(flag(helm, u"--oom-watch-memory-threshold"_s), threshold);
    QCOMPARE(flag(helm, u"--oom-watch-interval"_s), interval);
}

void TestFluxWorkload::kustomizeTuning_data()
{
    QTest::addColumn<QString>("settings");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("concurrent");
    QTest::addColumn<QString>("requeueDependency");
    QTest::addColumn<QString>("featureGates");
    QTest::addColumn<QString>("tempMedium");
    QTest::newRow("defaults") << QString() << QString() << u"4"_s << u"30s"_s << QString() << QString();
    QTest::newRow("before the settings existed") << QString() << u"1.11.1"_s << QString() << QString() << QString()
                                                 << QString();
    QTest::newRow("tuned") << uR"({"kustomize-controller.concurrent":"20",
                                  "kustomize-controller.requeue-dependency":"50s"})"_s
                           << u"1.12.0"_s << u"20"_s << u"50s"_s << QString() << QString();
    QTest::newRow("in-memory build") << uR"({"kustomize-controller.enable-in-memory-build":"true"})"_s << QString()
                                     << u"4"_s << u"30s"_s << QString() << u"Memory"_s;
    QTest::newRow("strict substitution") << uR"({"kustomize-controller.strict-substitution-mode":"true"})"_s
                                         << u"1.13.1"_s << u"4"_s << u"30s"_s
                                         << u"StrictPostBuildSubstitutions=true"_s << QString();
}

void TestFluxWorkload::kustomizeTuning()
{
    QFETCH(QString, settings);
    QFETCH(QString, version);
    QFETCH(QString, concurrent);
    QFETCH(QString, requeueDependency);
    QFETCH(QString, featureGates);
    QFETCH(QString, tempMedium);
    const QJsonArray objects = workload(settings, version);
    const QStringList kustomize = args(objects, u"kustomize-controller"_s);
    QVERIFY(!kustomize.isEmpty());
    QCOMPARE(flag(kustomize, u"--concurrent"_s), concurrent);
    QCOMPARE(flag(kustomize, u"--requeue-dependency"_s), requeueDependency);
    QCOMPARE(flag(kustomize, u"--feature-gates"_s), featureGates);
    const QJsonObject deployment = named(objects, u"Deployment"_s, u"kustomize-controller"_s);
    const QJsonValue temp = deployment[u"spec"][u"template"][u"spec"][u"volumes"][0];
    QCOMPARE(temp[u"name"].toString(), u"temp"_s);
    QCOMPARE(temp[u"emptyDir"][u"medium"].toString(), tempMedium);
}

void TestFluxWorkload::multiTenancy_data()
{
    QTest::addColumn<QString>("settings");
    QTest::addColumn<QString>("deployment");
    QTest::addColumn<QString>("noCrossNamespaceRefs");
    QTest::addColumn<QString>("defaultServiceAccount");
    QTest::newRow("kustomize, enforced by default") << QString() << u"kustomize-controller"_s << u"true"_s
                                                    << u"flux-applier"_s;
    QTest::newRow("helm, enforced by default") << QString() << u"helm-controller"_s << u"true"_s << u"flux-applier"_s;
    QTest::newRow("notification refuses cross-namespace refs") << QString() << u"notification-controller"_s
                                                               << u"true"_s << QString();
    QTest::newRow("kustomize, opted out") << uR"({"multiTenancy.enforce":"false"})"_s << u"kustomize-controller"_s
                                          << QString() << QString();
}

void TestFluxWorkload::multiTenancy()
{
    QFETCH(QString, settings);
    QFETCH(QString, deployment);
    QFETCH(QString, noCrossNamespaceRefs);
    QFETCH(QString, defaultServiceAccount);
    const QStringList arguments = args(workload(settings), deployment);
    QVERIFY(!arguments.isEmpty());
    QCOMPARE(flag(arguments, u"--no-cross-namespace-refs"_s), noCrossNamespaceRefs);
    QCOMPARE(flag(arguments, u"--default-service-account"_s), defaultServiceAccount);
}

void TestFluxWorkload::sshHostKeyArgs()
{
    const QJsonArray objects = workload(
        uR"({"image-automation-controller.enabled":"true",
             "source-controller.ssh-host-key-args":"--ssh-hostkey-algos=rsa-sha2-512,rsa-sha2-256",
             "image-automation-controller.ssh-host-key-args":
                 "--ssh-hostkey-algos=ssh-ed25519  --ssh-kex-algos=curve25519-sha256"})"_s);
    QCOMPARE(flag(args(objects, u"source-controller"_s), u"--ssh-hostkey-algos"_s), u"rsa-sha2-512,rsa-sha2-256"_s);
    const QStringList automation = args(objects, u"image-automation-controller"_s);
    QCOMPARE(flag(automation, u"--ssh-hostkey-algos"_s), u"ssh-ed25519"_s);
    QCOMPARE(flag(automation, u"--ssh-kex-algos"_s), u"curve25519-sha256"_s);
    QCOMPARE(flag(args(workload(QString()), u"source-controller"_s), u"--ssh-hostkey-algos"_s), QString());
}

void TestFluxWorkload::eventsAddress_data()
{
    QTest::addColumn<QString>("settings");
    QTest::addColumn<QString>("address");
    QTest::newRow("notification-controller present")
        << QString() << u"http://notification-controller.flux-system.svc.cluster.local./"_s;
    QTest::newRow("no notification-controller") << uR"({"notification-controller.enabled":"false"})"_s << QString();
}

void TestFluxWorkload::eventsAddress()
{
    QFETCH(QString, settings);
    QFETCH(QString, address);
    const QJsonArray objects = workload(settings);
    for (const QString &controller : {u"source-controller"_s, u"kustomize-controller"_s, u"helm-controller"_s})
        QCOMPARE(flag(args(objects, controller), u"--events-addr"_s), address);
}

void TestFluxWorkload::resources_data()
{
    QTest::addColumn<QString>("settings");
    QTest::addColumn<QString>("deployment");
    QTest::addColumn<QString>("container");
    QTest::addColumn<QStringList>("expected"); // cpu limit, memory limit, cpu request, memory request
    QTest::newRow("source defaults") << QString() << u"source-controller"_s << u"source-controller"_s
                                     << QStringList{u"1000m"_s, u"1Gi"_s, u"50m"_s, u"64Mi"_s};
    QTest::newRow("helm defaults") << QString() << u"helm-controller"_s << u"helm-controller"_s
                                   << QStringList{u"1000m"_s, u"1Gi"_s, u"100m"_s, u"64Mi"_s};
    QTest::newRow("kustomize tuned")
        << uR"({"kustomize-controller.resources.limits.memory":"2Gi",
                "kustomize-controller.resources.limits.cpu":"2000m",
                "kustomize-controller.resources.requests.memory":"300Mi",
                "kustomize-controller.resources.requests.cpu":"250m"})"_s
        << u"kustomize-controller"_s << u"kustomize-controller"_s
        << QStringList{u"2000m"_s, u"2Gi"_s, u"250m"_s, u"300Mi"_s};
    QTest::newRow("only the memory limit") << uR"({"helm-controller.resources.limits.memory":"4Gi"})"_s
                                           << u"helm-controller"_s << u"helm-controller"_s
                                           << QStringList{u"1000m"_s, u"4Gi"_s, u"100m"_s, u"64Mi"_s};
    QTest::newRow("fluxconfig-agent") << QString() << u"fluxconfig-agent"_s << u"fluxconfig-agent"_s
                                      << QStringList{u"50m"_s, u"150Mi"_s, u"5m"_s, u"30Mi"_s};
    QTest::newRow("fluxconfig-controller") << QString() << u"fluxconfig-controller"_s << u"fluxconfig-controller"_s
                                           << QStringList{u"100m"_s, u"150Mi"_s, u"5m"_s, u"30Mi"_s};
    QTest::newRow("fluent-bit") << QString() << u"fluxconfig-agent"_s << u"fluent-bit"_s
                                << QStringList{u"20m"_s, u"150Mi"_s, u"5m"_s, u"30Mi"_s};
}

void TestFluxWorkload::resources()
{
    QFETCH(QString, settings);
    QFETCH(QString, deployment);
    QFETCH(QString, container);
    QFETCH(QStringList, expected);
    const QJsonObject resources = ::container(workload(settings), deployment, container)[u"resources"].toObject();
    const QStringList actual{resources[u"limits"][u"cpu"].toString(), resources[u"limits"][u"memory"].toString(),
                             resources[u"requests"][u"cpu"].toString(), resources[u"requests"][u"memory"].toString()};
    QCOMPARE(actual, expected);
}

void TestFluxWorkload::workloadIdentity_data()
{
    QTest::addColumn<QString>("settings");
    QTest::addColumn<QString>("version");
    QTest::addColumn<bool>("aks");
    QTest::addColumn<QStringList>("identified"); // deployments whose pods use workload identity
    const QString on = u"{\"workloadIdentity.enable\":\"true\",\"workloadIdentity.azureClientId\":\""_s % ClientId
        % u"\",\"image-automation-controller.enabled\":\"true\",\"image-reflector-controller.enabled\":\"true\"}"_s;
    QTest::newRow("off") << uR"({"image-automation-controller.enabled":"true"})"_s << QString() << true
                         << QStringList();
    QTest::newRow("AKS 1.8.0: source only") << on << u"1.8.0"_s << true << QStringList{u"source-controller"_s};
    QTest::newRow("AKS 1.11.1: and kustomize") << on << u"1.11.1"_s << true
                                               << QStringList{u"kustomize-controller"_s, u"source-controller"_s};
    QTest::newRow("Arc 1.15.1") << on << u"1.15.1"_s << false
                                << QStringList{u"kustomize-controller"_s, u"source-controller"_s};
    QTest::newRow("1.16.1: and image automation")
        << on << u"1.16.1"_s << true
        << QStringList{u"image-automation-controller"_s, u"kustomize-controller"_s, u"source-controller"_s};
    QTest::newRow("1.20.4: and notification")
        << on << u"1.20.4"_s << false
        << QStringList{u"image-automation-controller"_s, u"kustomize-controller"_s, u"notification-controller"_s,
                       u"source-controller"_s};
}

void TestFluxWorkload::workloadIdentity()
{
    QFETCH(QString, settings);
    QFETCH(QString, version);
    QFETCH(bool, aks);
    QFETCH(QStringList, identified);
    const QJsonArray objects = workload(settings, version, {u"amd64"_s, aks});
    QVERIFY(!objects.isEmpty());
    QStringList actual;
    for (const QJsonObject &deployment : ofKind(objects, u"Deployment"_s)) {
        const QString name = deployment[u"metadata"][u"name"].toString();
        const QString use = deployment[u"spec"][u"template"][u"metadata"][u"labels"][u"azure.workload.identity/use"]
                                .toString();
        const QJsonObject account = named(objects, u"ServiceAccount"_s, name);
        const QString clientId = account[u"metadata"][u"annotations"][u"azure.workload.identity/client-id"].toString();
        if (use == u"true") {
            actual.append(name);
            QCOMPARE(clientId, ClientId);
        } else {
            QVERIFY(use.isEmpty());
            QVERIFY(clientId.isEmpty());
        }
    }
    actual.sort();
    QCOMPARE(actual, identified);
}

void TestFluxWorkload::kubeServiceHostFqdn_data()
{
    QTest::addColumn<QString>("settings");
    QTest::addColumn<QString>("annotation");
    QTest::newRow("off by default") << QString() << QString();
    QTest::newRow("on") << uR"({"setKubeServiceHostFqdn":"true"})"_s << u"true"_s;
}

void TestFluxWorkload::kubeServiceHostFqdn()
{
    QFETCH(QString, settings);
    QFETCH(QString, annotation);
    const QJsonArray objects = workload(settings);
    for (const QString &kind : {u"Deployment"_s, u"Pod"_s}) {
        for (const QJsonObject &object : ofKind(objects, kind)) {
            const QJsonValue metadata =
                kind == u"Pod" ? object[u"metadata"] : object[u"spec"][u"template"][u"metadata"];
            QCOMPARE(metadata[u"annotations"][u"kubernetes.azure.com/set-kube-service-host-fqdn"].toString(),
                     annotation);
        }
    }
}

void TestFluxWorkload::imagesFollowReleaseHistory_data()
{
    QFile file(referenceFile(u"microsoft-flux-release-history.tsv"_s));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        QSKIP("shared/reference/azure/microsoft-flux-release-history.tsv is not beside the repository");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QStringList>("images"); // the six Flux controllers, in the table's order
    const QStringList controllers{u"source-controller"_s,       u"kustomize-controller"_s,
                                  u"helm-controller"_s,         u"notification-controller"_s,
                                  u"image-automation-controller"_s, u"image-reflector-controller"_s};
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines.mid(1)) {
        const QStringList cells = line.split(u'\t');
        if (cells.at(3).isEmpty()) // a release listed without versions
            continue;
        QStringList images;
        for (qsizetype i = 0; i < controllers.size(); ++i)
            images.append(u"mcr.microsoft.com/oss/fluxcd/"_s % controllers.at(i) % u":v"_s % cells.at(3 + i));
        QTest::newRow(qPrintable(cells.constFirst())) << cells.constFirst() << images;
    }
}

void TestFluxWorkload::imagesFollowReleaseHistory()
{
    QFETCH(QString, version);
    QFETCH(QStringList, images);
    const QJsonArray objects = workload(uR"({"image-automation-controller.enabled":"true",
                                            "image-reflector-controller.enabled":"true"})"_s,
                                        version);
    QStringList actual;
    for (FluxController controller : fluxControllers()) {
        const QString name = fluxControllerName(controller);
        actual.append(container(objects, name, name)[u"image"].toString());
    }
    QCOMPARE(actual, images);
    // Azure's own images carry the extension's version.
    QCOMPARE(container(objects, u"fluxconfig-agent"_s, u"fluxconfig-agent"_s)[u"image"].toString(),
             QString(u"mcr.microsoft.com/azurek8sflux/fluxconfig-agent:"_s % version));
    QCOMPARE(container(objects, u"fluxconfig-controller"_s, u"fluent-bit"_s)[u"image"].toString(),
             QString(u"mcr.microsoft.com/azurek8sflux/fluent-bit:"_s % version));
}

void TestFluxWorkload::imagesOfKnownRelease()
{
    // What `flux check` lists on a cluster with microsoft.flux 1.7.4.
    const QJsonArray objects = workload(QString(), u"1.7.4"_s);
    QCOMPARE(container(objects, u"helm-controller"_s, u"helm-controller"_s)[u"image"].toString(),
             u"mcr.microsoft.com/oss/fluxcd/helm-controller:v0.31.2"_s);
    QCOMPARE(container(objects, u"source-controller"_s, u"source-controller"_s)[u"image"].toString(),
             u"mcr.microsoft.com/oss/fluxcd/source-controller:v0.36.1"_s);
    QCOMPARE(container(objects, u"fluxconfig-controller"_s, u"fluxconfig-controller"_s)[u"image"].toString(),
             u"mcr.microsoft.com/azurek8sflux/fluxconfig-controller:1.7.4"_s);
    QCOMPARE(named(objects, u"Deployment"_s, u"helm-controller"_s)[u"metadata"][u"labels"]
                 [u"app.kubernetes.io/version"].toString(),
             u"v0.41.2"_s);
}

void TestFluxWorkload::architecture()
{
    // The tag is multi-architecture; what the node pulled (the pod's imageID) is per platform.
    const QJsonArray amd = workload(QString(), QString(), {u"amd64"_s, true});
    const QJsonArray arm = workload(QString(), QString(), {u"arm64"_s, true});
    const QList<QJsonObject> amdPods = ofKind(amd, u"Pod"_s);
    const QList<QJsonObject> armPods = ofKind(arm, u"Pod"_s);
    QCOMPARE(armPods.size(), amdPods.size());
    for (qsizetype i = 0; i < amdPods.size(); ++i) {
        const QJsonValue amdStatus = amdPods.at(i)[u"status"][u"containerStatuses"][0];
        const QJsonValue armStatus = armPods.at(i)[u"status"][u"containerStatuses"][0];
        QCOMPARE(armStatus[u"image"], amdStatus[u"image"]);
        QVERIFY(armStatus[u"imageID"].toString().contains(u"@sha256:"_s));
        QVERIFY(armStatus[u"imageID"] != amdStatus[u"imageID"]);
    }
    const auto tooOld = fluxSystemObjects({}, {}, u"1.6.3"_s, {u"arm64"_s, false});
    QVERIFY(!tooOld);
    QVERIFY(tooOld.error().message.contains(u"arm64 nodes need microsoft.flux 1.7.0"_s));
}

void TestFluxWorkload::deterministicAndSettingsChangeTheHash()
{
    const QJsonArray first = workload(QString());
    QCOMPARE(workload(QString()), first);
    // The ReplicaSet's name carries the pod template's hash, as a rollout would.
    const auto hash = [](const QJsonArray &objects) {
        for (const QJsonObject &replicaSet : ofKind(objects, u"ReplicaSet"_s)) {
            if (replicaSet[u"metadata"][u"labels"][u"app"].toString() == u"helm-controller")
                return replicaSet[u"metadata"][u"labels"][u"pod-template-hash"].toString();
        }
        return QString();
    };
    QVERIFY(!hash(first).isEmpty());
    QCOMPARE(hash(workload(uR"({"source-controller.log-level":"debug"})"_s)), hash(first));
    QVERIFY(hash(workload(uR"({"helm-controller.log-level":"debug"})"_s)) != hash(first));
}

void TestFluxWorkload::refusesInvalidSettings_data()
{
    QTest::addColumn<QString>("settings");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("message");
    QTest::newRow("bad value") << uR"({"source-controller.enabled":"yes"})"_s << QString()
                               << u"must be 'true' or 'false'"_s;
    QTest::newRow("unknown version") << QString() << u"9.9.9"_s << u"has no version '9.9.9'"_s;
    QTest::newRow("too new a setting") << uR"({"setKubeServiceHostFqdn":"true"})"_s << u"1.10.0"_s
                                       << u"needs microsoft.flux 1.11.1 or later"_s;
}

void TestFluxWorkload::refusesInvalidSettings()
{
    QFETCH(QString, settings);
    QFETCH(QString, version);
    QFETCH(QString, message);
    const auto objects = fluxSystemObjects(json(settings), {}, version, {});
    QVERIFY(!objects);
    QVERIFY2(objects.error().message.contains(message), qPrintable(objects.error().message));
}

QTEST_GUILESS_MAIN(TestFluxWorkload)
#include "tst_fluxworkload.moc"
