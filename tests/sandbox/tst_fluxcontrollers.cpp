// Flux's controllers on one cluster's objects: the tutorial's configuration reconciles in
// dependsOn order, failures show up as Flux words them and make the configuration
// Non-Compliant, prune removes what a deleted configuration applied, suspend stops work.

#include "extension/fluxrelease.h"
#include "extension/fluxworkload.h"
#include "flux/fluxcontrollers.h"
#include "git/githost.h"
#include "git/repositorycontent.h"
#include "kube/kubeobjectstore.h"
#include "resultmessage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Fluxdeck::Sandbox;

namespace {

const QString Cluster = u"/subscriptions/6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5/resourceGroups/rg-test/providers/"
                        "Microsoft.ContainerService/managedClusters/aks-test"_s;
const QString ConfigNamespace = u"cluster-config"_s;
const QString FluxConfigApi = u"clusterconfig.azure.com/v1beta1"_s;
const QString KustomizeApi = u"kustomize.toolkit.fluxcd.io/v1"_s;
const QString HelmApi = u"helm.toolkit.fluxcd.io/v2"_s;
const QString SourceApi = u"source.toolkit.fluxcd.io/v1"_s;

QJsonObject kustomization(const QString &path, const QStringList &dependsOn = {}, bool prune = true)
{
    return {{u"path"_s, path}, {u"dependsOn"_s, QJsonArray::fromStringList(dependsOn)}, {u"prune"_s, prune},
            {u"syncIntervalInSeconds"_s, 600}, {u"timeoutInSeconds"_s, 600}};
}

// The tutorial's two kustomizations: infra, and apps after it.
QJsonObject tutorial(const QString &appsPath = u"./apps/staging"_s, bool prune = true)
{
    return {{u"infra"_s, kustomization(u"./infrastructure"_s, {}, prune)},
            {u"apps"_s, kustomization(appsPath, {u"infra"_s}, prune)}};
}

} // namespace

class TestFluxControllers final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void tutorialReconcilesInDependencyOrder();
    void failuresMakeTheConfigurationNonCompliant_data();
    void failuresMakeTheConfigurationNonCompliant();
    void newCommitsAreApplied();
    void pruneRemovesWhatWasApplied();
    void withoutPruneObjectsStay();
    void suspendStopsReconciliation();
    void controllersFollowTheExtension();
    void anEarlyPassStillLeadsToTheNext();

private:
    void applyConfig(const QJsonObject &kustomizations, const QString &url = GitHost::demoUrl().toString(),
                     const QString &branch = u"main"_s, bool suspend = false);
    // Passes until nothing is in progress any more; how many it took.
    int settle();
    std::optional<QJsonObject> get(const QString &apiVersion, const QString &kind, const QString &ns,
                                   const QString &name);
    QJsonObject status(const QString &apiVersion, const QString &kind, const QString &ns, const QString &name);
    QString ready(const QString &apiVersion, const QString &kind, const QString &ns, const QString &name,
                  QString *reason = nullptr);
    QString demoRepository() const;

    std::unique_ptr<QTemporaryDir> m_state;
    std::unique_ptr<GitHost> m_git;
    std::unique_ptr<KubeObjectStore> m_kube;
    std::unique_ptr<FluxControllers> m_flux;
};

void TestFluxControllers::init()
{
    m_state = std::make_unique<QTemporaryDir>();
    QVERIFY(m_state->isValid());
    m_git = std::make_unique<GitHost>(m_state->path());
    const auto demo = m_git->ensureDemo();
    QVERIFY2(demo, Fluxdeck::Test::failureText(demo));
    m_kube = std::make_unique<KubeObjectStore>();
    KubeClusterFacts facts;
    facts.armId = Cluster;
    facts.name = u"aks-test"_s;
    m_kube->addCluster(facts);
    // microsoft.flux with its default settings: the Flux controllers run in flux-system.
    const auto workload = fluxSystemObjects({}, {}, latestFluxExtensionVersion(), ClusterShape{});
    QVERIFY2(workload, Fluxdeck::Test::failureText(workload));
    for (const QJsonValue &object : *workload)
        QVERIFY(m_kube->apply(Cluster, object.toObject()));
    // What the fluxconfig-agent creates before the FluxConfig.
    QVERIFY(m_kube->apply(Cluster, QJsonObject{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Namespace"_s},
                                               {u"metadata"_s, QJsonObject{{u"name"_s, ConfigNamespace}}}}));
    FluxControllers::Options options;
    options.step = std::chrono::milliseconds(0);
    m_flux = std::make_unique<FluxControllers>(*m_kube, *m_git, options);
}

void TestFluxControllers::cleanup()
{
    m_flux.reset();
    m_kube.reset();
    m_git.reset();
    m_state.reset();
}

void TestFluxControllers::applyConfig(const QJsonObject &kustomizations, const QString &url, const QString &branch,
                                      bool suspend)
{
    const auto applied = m_kube->apply(Cluster, QJsonObject{
        {u"apiVersion"_s, FluxConfigApi},
        {u"kind"_s, u"FluxConfig"_s},
        {u"metadata"_s, QJsonObject{{u"name"_s, u"cluster-config"_s}, {u"namespace"_s, ConfigNamespace}}},
        {u"spec"_s, QJsonObject{{u"scope"_s, u"cluster"_s},
                                {u"namespace"_s, ConfigNamespace},
                                {u"sourceKind"_s, u"GitRepository"_s},
                                {u"suspend"_s, suspend},
                                {u"gitRepository"_s, QJsonObject{{u"url"_s, url},
                                                                 {u"repositoryRef"_s, QJsonObject{{u"branch"_s, branch}}},
                                                                 {u"syncIntervalInSeconds"_s, 600},
                                                                 {u"timeoutInSeconds"_s, 600}}},
                                {u"kustomizations"_s, kustomizations}}},
    });
    QVERIFY2(applied, Fluxdeck::Test::failureText(applied));
}

int TestFluxControllers::settle()
{
    int passes = 1;
    while (m_flux->reconcile(Cluster) && passes < 30)
        ++passes;
    return passes;
}

std::optional<QJsonObject> TestFluxControllers::get(const QString &apiVersion, const QString &kind, const QString &ns,
                                                    const QString &name)
{
    return m_kube->get(Cluster, KubeObjectRef{apiVersion, kind, ns, name});
}

QJsonObject TestFluxControllers::status(const QString &apiVersion, const QString &kind, const QString &ns,
                                        const QString &name)
{
    return get(apiVersion, kind, ns, name).value_or(QJsonObject{}).value(u"status").toObject();
}

QString TestFluxControllers::ready(const QString &apiVersion, const QString &kind, const QString &ns,
                                   const QString &name, QString *reason)
{
    for (const QJsonValue &condition : status(apiVersion, kind, ns, name).value(u"conditions").toArray()) {
        if (condition[u"type"].toString() == u"Ready") {
            if (reason)
                *reason = condition[u"reason"].toString();
            return condition[u"message"].toString();
        }
    }
    return {};
}

QString TestFluxControllers::demoRepository() const
{
    return m_git->find(GitHost::demoUrl())->barePath;
}

void TestFluxControllers::tutorialReconcilesInDependencyOrder()
{
    applyConfig(tutorial());
    QVERIFY(m_flux->reconcile(Cluster));

    // After one pass: the source is in, infra applied and checking health, apps waiting for it.
    const auto sha = resolve(demoRepository(), u"main"_s);
    QVERIFY(sha);
    const QString revision = u"main@sha1:"_s + *sha;
    QCOMPARE(status(SourceApi, u"GitRepository"_s, ConfigNamespace, u"cluster-config"_s)[u"artifact"][u"revision"].toString(),
             revision);
    QString reason;
    QCOMPARE(ready(KustomizeApi, u"Kustomization"_s, ConfigNamespace, u"cluster-config-apps"_s, &reason),
             u"dependency 'cluster-config/cluster-config-infra' is not ready"_s);
    QCOMPARE(reason, u"DependencyNotReady"_s);
    QVERIFY(get(u"v1"_s, u"Namespace"_s, {}, u"nginx"_s));
    QVERIFY(!get(u"v1"_s, u"Namespace"_s, {}, u"podinfo"_s));
    QCOMPARE(status(FluxConfigApi, u"FluxConfig"_s, ConfigNamespace, u"cluster-config"_s)[u"complianceState"].toString(),
             u"Pending"_s);

    QVERIFY(settle() < 30);
    for (const QString &name : {u"cluster-config-infra"_s, u"cluster-config-apps"_s}) {
        QCOMPARE(ready(KustomizeApi, u"Kustomization"_s, ConfigNamespace, name, &reason), u"Applied revision: "_s + revision);
        QCOMPARE(reason, u"ReconciliationSucceeded"_s);
    }
    QCOMPARE(ready(HelmApi, u"HelmRelease"_s, ConfigNamespace, u"podinfo"_s),
             u"Helm install succeeded for release podinfo/podinfo.v1 with chart podinfo@6.7.1"_s);
    // The charts' workloads run: nginx's controller, redis' master, podinfo.
    const auto deployment = get(u"apps/v1"_s, u"Deployment"_s, u"podinfo"_s, u"podinfo"_s);
    QVERIFY(deployment);
    QCOMPARE((*deployment)[u"status"][u"readyReplicas"].toInt(), (*deployment)[u"spec"][u"replicas"].toInt());
    QVERIFY(get(u"apps/v1"_s, u"Deployment"_s, u"nginx"_s, u"ingress-nginx-controller"_s));
    QVERIFY(get(u"v1"_s, u"Pod"_s, u"redis"_s, u"redis-master-0"_s));
    const auto pods = m_kube->list(Cluster, u"v1"_s, u"Pod"_s, u"podinfo"_s);
    QVERIFY(pods && !pods->isEmpty());
    QCOMPARE(pods->first()[u"status"][u"phase"].toString(), u"Running"_s);

    // What the fluxconfig-agent reports to Azure.
    const QJsonObject config = status(FluxConfigApi, u"FluxConfig"_s, ConfigNamespace, u"cluster-config"_s);
    QCOMPARE(config[u"complianceState"].toString(), u"Compliant"_s);
    QCOMPARE(config[u"sourceSyncedCommitId"].toString(), revision);
    QCOMPARE(config[u"errorMessage"].toString(), QString());
    const QJsonArray statuses = config[u"statuses"].toArray();
    QCOMPARE(statuses.size(), 6);   // source, 2 kustomizations, 3 HelmReleases
    bool podinfo = false;
    for (const QJsonValue &entry : statuses) {
        QCOMPARE(entry[u"complianceState"].toString(), u"Compliant"_s);
        if (entry[u"name"].toString() == u"podinfo") {
            podinfo = true;
            QCOMPARE(entry[u"appliedBy"][u"name"].toString(), u"cluster-config-apps"_s);
            QCOMPARE(entry[u"helmReleaseProperties"][u"lastRevisionApplied"].toInt(), 1);
        }
    }
    QVERIFY(podinfo);

    // A settled cluster stays settled: another pass changes nothing.
    const quint64 version = m_kube->resourceVersion(Cluster);
    QVERIFY(!m_flux->reconcile(Cluster));
    QCOMPARE(m_kube->resourceVersion(Cluster), version);
}

void TestFluxControllers::failuresMakeTheConfigurationNonCompliant_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("branch");
    QTest::addColumn<QString>("file");          // committed to a repository of the test's own, when set
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("kind");          // the object that fails
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("message");

    const QString demo = GitHost::demoUrl().toString();
    const QString own = u"https://github.com/contoso/broken-gitops"_s;
    QTest::newRow("path does not exist")
        << demo << u"main"_s << QString() << QByteArray() << u"./apps/qa"_s << u"Kustomization"_s
        << u"cluster-config-apps"_s << u"BuildFailed"_s << u"kustomization path not found: stat apps/qa: no such file or directory"_s;
    QTest::newRow("repository does not exist")
        << u"https://github.com/contoso/nowhere"_s << u"main"_s << QString() << QByteArray() << u"./apps"_s
        << u"GitRepository"_s << u"cluster-config"_s << u"GitOperationFailed"_s
        << u"failed to checkout and determine revision: unable to clone 'https://github.com/contoso/nowhere': repository not found"_s;
    QTest::newRow("branch does not exist")
        << demo << u"feature/gone"_s << QString() << QByteArray() << u"./apps/staging"_s << u"GitRepository"_s
        << u"cluster-config"_s << u"GitOperationFailed"_s
        << u"failed to checkout and determine revision: unable to clone '%1': couldn't find remote ref \"refs/heads/feature/gone\""_s.arg(demo);
    QTest::newRow("invalid manifest")
        << own << u"main"_s << u"apps/app.yaml"_s << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata: [name\n")
        << u"./apps"_s << u"Kustomization"_s << u"cluster-config-apps"_s << u"BuildFailed"_s << u"kustomize build failed: "_s;
    QTest::newRow("kind the cluster does not serve")
        << own << u"main"_s << u"apps/widget.yaml"_s
        << QByteArray("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: default\n")
        << u"./apps"_s << u"Kustomization"_s << u"cluster-config-apps"_s << u"ReconciliationFailed"_s
        << u"Widget/w dry-run failed: no matches for kind \"Widget\" in version \"example.com/v1\""_s;
}

void TestFluxControllers::failuresMakeTheConfigurationNonCompliant()
{
    QFETCH(QString, url);
    QFETCH(QString, branch);
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QString, path);
    QFETCH(QString, kind);
    QFETCH(QString, name);
    QFETCH(QString, reason);
    QFETCH(QString, message);

    if (!file.isEmpty()) {
        const auto repository = m_git->create(QUrl(url));
        QVERIFY2(repository, Fluxdeck::Test::failureText(repository));
        const auto committed = commitFiles(repository->barePath, u"main"_s, {{file, content}}, u"Add a broken manifest"_s);
        QVERIFY2(committed, Fluxdeck::Test::failureText(committed));
    }
    applyConfig({{u"apps"_s, kustomization(path)}}, url, branch);
    settle();

    const QString api = kind == u"Kustomization" ? KustomizeApi : SourceApi;
    QString actualReason;
    const QString actual = ready(api, kind, ConfigNamespace, name, &actualReason);
    QVERIFY2(actual.startsWith(message), qPrintable(actual));
    QCOMPARE(actualReason, reason);
    const QJsonObject config = status(FluxConfigApi, u"FluxConfig"_s, ConfigNamespace, u"cluster-config"_s);
    QCOMPARE(config[u"complianceState"].toString(), u"Non-Compliant"_s);
    QVERIFY2(config[u"errorMessage"].toString().contains(message), qPrintable(config[u"errorMessage"].toString()));
    // Flux records it as a Warning event on the object.
    bool warned = false;
    for (const QJsonObject &event : m_kube->list(Cluster, u"v1"_s, u"Event"_s, ConfigNamespace).value_or(QList<QJsonObject>{}))
        warned = warned || (event[u"type"].toString() == u"Warning" && event[u"reason"].toString() == reason
                            && event[u"involvedObject"][u"name"].toString() == name);
    QVERIFY(warned);
}

void TestFluxControllers::newCommitsAreApplied()
{
    applyConfig(tutorial());
    settle();
    // Production runs two podinfo replicas where staging runs one; move staging to three.
    const auto files = readFiles(demoRepository(), u"main"_s, u"apps/staging"_s);
    QVERIFY(files);
    QByteArray values = files->value(u"apps/staging/podinfo-values.yaml"_s);
    QVERIFY(values.contains("replicaCount: 1"));
    values.replace("replicaCount: 1", "replicaCount: 3");
    const auto sha = commitFiles(demoRepository(), u"main"_s, {{u"apps/staging/podinfo-values.yaml"_s, values}},
                                 u"Scale podinfo in staging"_s);
    QVERIFY2(sha, Fluxdeck::Test::failureText(sha));

    // Nothing happens before the interval, unless someone asks (flux reconcile / Azure's PUT).
    settle();
    QVERIFY(status(SourceApi, u"GitRepository"_s, ConfigNamespace, u"cluster-config"_s)[u"artifact"][u"revision"].toString()
            != u"main@sha1:"_s + *sha);
    auto config = get(FluxConfigApi, u"FluxConfig"_s, ConfigNamespace, u"cluster-config"_s);
    QVERIFY(config);
    QJsonObject metadata = (*config)[u"metadata"].toObject();
    metadata.insert(u"annotations"_s, QJsonObject{{u"reconcile.fluxcd.io/requestedAt"_s, u"2026-11-26T10:00:00Z"_s}});
    config->insert(u"metadata"_s, metadata);
    QVERIFY(m_kube->apply(Cluster, *config));
    settle();

    QCOMPARE(status(KustomizeApi, u"Kustomization"_s, ConfigNamespace, u"cluster-config-apps"_s)[u"lastAppliedRevision"].toString(),
             u"main@sha1:"_s + *sha);
    QCOMPARE(ready(HelmApi, u"HelmRelease"_s, ConfigNamespace, u"podinfo"_s),
             u"Helm upgrade succeeded for release podinfo/podinfo.v2 with chart podinfo@6.7.1"_s);
    const auto pods = m_kube->list(Cluster, u"v1"_s, u"Pod"_s, u"podinfo"_s);
    QVERIFY(pods);
    QCOMPARE(pods->size(), 3);
    QCOMPARE(status(FluxConfigApi, u"FluxConfig"_s, ConfigNamespace, u"cluster-config"_s)[u"lastHandledReconcileAt"].toString(),
             u"2026-11-26T10:00:00Z"_s);
}

void TestFluxControllers::pruneRemovesWhatWasApplied()
{
    applyConfig(tutorial());
    settle();
    QVERIFY(get(u"apps/v1"_s, u"Deployment"_s, u"podinfo"_s, u"podinfo"_s));

    // Without "apps", its Kustomization goes, and with it everything it applied.
    applyConfig({{u"infra"_s, kustomization(u"./infrastructure"_s)}});
    settle();
    QVERIFY(!get(KustomizeApi, u"Kustomization"_s, ConfigNamespace, u"cluster-config-apps"_s));
    QVERIFY(!get(HelmApi, u"HelmRelease"_s, ConfigNamespace, u"podinfo"_s));
    QVERIFY(!get(u"v1"_s, u"Namespace"_s, {}, u"podinfo"_s));
    QVERIFY(!get(u"apps/v1"_s, u"Deployment"_s, u"podinfo"_s, u"podinfo"_s));
    QVERIFY(get(u"apps/v1"_s, u"Deployment"_s, u"nginx"_s, u"ingress-nginx-controller"_s));
    QCOMPARE(status(FluxConfigApi, u"FluxConfig"_s, ConfigNamespace, u"cluster-config"_s)[u"statuses"].toArray().size(), 4);

    // Deleting the configuration removes the rest.
    QVERIFY(m_kube->remove(Cluster, KubeObjectRef{FluxConfigApi, u"FluxConfig"_s, ConfigNamespace, u"cluster-config"_s}));
    settle();
    QVERIFY(!get(FluxConfigApi, u"FluxConfig"_s, ConfigNamespace, u"cluster-config"_s));
    QVERIFY(!get(SourceApi, u"GitRepository"_s, ConfigNamespace, u"cluster-config"_s));
    QVERIFY(!get(u"v1"_s, u"Namespace"_s, {}, u"nginx"_s));
    QVERIFY(!get(u"v1"_s, u"Pod"_s, u"redis"_s, u"redis-master-0"_s));
    QVERIFY(!get(SourceApi, u"HelmRepository"_s, ConfigNamespace, u"podinfo"_s));
}

void TestFluxControllers::withoutPruneObjectsStay()
{
    applyConfig(tutorial(u"./apps/staging"_s, false));
    settle();
    QVERIFY(m_kube->remove(Cluster, KubeObjectRef{FluxConfigApi, u"FluxConfig"_s, ConfigNamespace, u"cluster-config"_s}));
    settle();
    QVERIFY(!get(KustomizeApi, u"Kustomization"_s, ConfigNamespace, u"cluster-config-infra"_s));
    QVERIFY(get(u"v1"_s, u"Namespace"_s, {}, u"nginx"_s));
    QVERIFY(get(HelmApi, u"HelmRelease"_s, ConfigNamespace, u"podinfo"_s));
}

void TestFluxControllers::suspendStopsReconciliation()
{
    applyConfig(tutorial());
    settle();
    applyConfig(tutorial(), GitHost::demoUrl().toString(), u"main"_s, true);
    settle();
    QCOMPARE(status(FluxConfigApi, u"FluxConfig"_s, ConfigNamespace, u"cluster-config"_s)[u"complianceState"].toString(),
             u"Suspended"_s);
    QVERIFY(get(KustomizeApi, u"Kustomization"_s, ConfigNamespace, u"cluster-config-apps"_s)
                .value_or(QJsonObject{})[u"spec"][u"suspend"].toBool());

    // A commit that removes podinfo from staging is not applied while suspended.
    const auto sha = commitFiles(demoRepository(), u"main"_s,
                                 {{u"apps/staging/kustomization.yaml"_s,
                                   QByteArray("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n")},
                                  {u"apps/staging/podinfo-values.yaml"_s, std::nullopt}},
                                 u"Retire podinfo from staging"_s);
    QVERIFY2(sha, Fluxdeck::Test::failureText(sha));
    auto config = get(FluxConfigApi, u"FluxConfig"_s, ConfigNamespace, u"cluster-config"_s);
    QVERIFY(config);
    QJsonObject metadata = (*config)[u"metadata"].toObject();
    metadata.insert(u"annotations"_s, QJsonObject{{u"reconcile.fluxcd.io/requestedAt"_s, u"now"_s}});
    config->insert(u"metadata"_s, metadata);
    QVERIFY(m_kube->apply(Cluster, *config));
    settle();
    QVERIFY(get(HelmApi, u"HelmRelease"_s, ConfigNamespace, u"podinfo"_s));

    // Resumed, it catches up: the new revision, podinfo pruned.
    applyConfig(tutorial());
    settle();
    QCOMPARE(status(KustomizeApi, u"Kustomization"_s, ConfigNamespace, u"cluster-config-apps"_s)[u"lastAppliedRevision"].toString(),
             u"main@sha1:"_s + *sha);
    QVERIFY(!get(HelmApi, u"HelmRelease"_s, ConfigNamespace, u"podinfo"_s));
    QCOMPARE(status(FluxConfigApi, u"FluxConfig"_s, ConfigNamespace, u"cluster-config"_s)[u"complianceState"].toString(),
             u"Compliant"_s);
}

void TestFluxControllers::controllersFollowTheExtension()
{
    // helm-controller disabled (helm-controller.enabled=false): HelmReleases are not reconciled,
    // so infra's health check cannot pass.
    QVERIFY(m_kube->remove(Cluster, KubeObjectRef{u"apps/v1"_s, u"Deployment"_s, u"flux-system"_s, u"helm-controller"_s}));
    applyConfig(tutorial());
    for (int i = 0; i < 5; ++i)
        m_flux->reconcile(Cluster);
    const auto release = get(HelmApi, u"HelmRelease"_s, ConfigNamespace, u"nginx"_s);
    QVERIFY(release);
    QVERIFY(!release->contains(u"status"));
    QString reason;
    ready(KustomizeApi, u"Kustomization"_s, ConfigNamespace, u"cluster-config-infra"_s, &reason);
    QCOMPARE(reason, u"Progressing"_s);
    QCOMPARE(status(FluxConfigApi, u"FluxConfig"_s, ConfigNamespace, u"cluster-config"_s)[u"complianceState"].toString(),
             u"Pending"_s);
}

void TestFluxControllers::anEarlyPassStillLeadsToTheNext()
{
    // Timers may fire a little early: a pass that finds nothing due yet must still leave the
    // next one scheduled, or the configuration waits for its ten-minute interval.
    FluxControllers::Options options;
    options.step = std::chrono::milliseconds(200);
    m_flux = std::make_unique<FluxControllers>(*m_kube, *m_git, options);
    applyConfig(tutorial());
    QVERIFY(m_flux->reconcile(Cluster));   // infra applied, its health check due in 200 ms
    m_flux->reconcile(Cluster);            // too early: nothing is due yet
    QTRY_COMPARE_WITH_TIMEOUT(
        status(FluxConfigApi, u"FluxConfig"_s, ConfigNamespace, u"cluster-config"_s)[u"complianceState"].toString(),
        u"Compliant"_s, 20000);
}

QTEST_GUILESS_MAIN(TestFluxControllers)
#include "tst_fluxcontrollers.moc"
