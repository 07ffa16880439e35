// Debian's kubectl against a sandbox cluster, with the kubeconfig Resource Manager hands out:
// what a person typing kubectl commands sees.

#include "tst_kubeclient.h"

#include "kube/kubeobjectstore.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using Fluxdeck::Sandbox::SandboxServer;

namespace {

#ifdef FLUXDECK_KUBECTL
const QString Kubectl = QStringLiteral(FLUXDECK_KUBECTL);
#else
const QString Kubectl;
#endif

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestKubectl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (Kubectl.isEmpty())
            QSKIP("kubectl is not installed (Debian package kubernetes-client)");
        QVERIFY(m_state.isValid());
        m_server = std::make_unique<SandboxServer>();
        SandboxServer::Options options;
        options.stateDirectory = m_state.path() + u"/state"_s;
        const auto started = m_server->start(options);
        QVERIFY2(started, qPrintable(started ? QString() : started.error().toString()));
        m_client = std::make_unique<KubeTest::Client>(*m_server);
        QVERIFY(m_client->connectTo(KubeTest::PlainCluster));
        QFile kubeconfig(m_state.path() + u"/kubeconfig"_s);
        QVERIFY(kubeconfig.open(QIODevice::WriteOnly));
        kubeconfig.write(m_client->kubeconfig());
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_server.reset();
    }

    void getNamespaces()
    {
        const Run run = kubectl({u"get"_s, u"ns"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(QRegularExpression(u"^NAME\\s+STATUS\\s+AGE\\n"_s).match(run.out).hasMatch(), qPrintable(run.out));
        QVERIFY2(QRegularExpression(u"\\nkube-system\\s+Active\\s+7d\\n"_s).match(run.out).hasMatch(), qPrintable(run.out));
        QVERIFY(run.out.contains(u"\ndefault "_s));
    }

    void getNodesWide()
    {
        const Run run = kubectl({u"get"_s, u"nodes"_s, u"-o"_s, u"wide"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(QRegularExpression(u"^NAME\\s+STATUS\\s+ROLES\\s+AGE\\s+VERSION\\s+INTERNAL-IP\\s+EXTERNAL-IP\\s+OS-IMAGE\\s+"
                                    "KERNEL-VERSION\\s+CONTAINER-RUNTIME\\n"_s).match(run.out).hasMatch(),
                 qPrintable(run.out));
        QVERIFY2(QRegularExpression(u"\\naks-nodepool1-\\d+-vmss000000\\s+Ready\\s+agent\\s+7d\\s+v1\\.31\\.9\\s+10\\.224\\.0\\.4\\s+"
                                    "<none>\\s+Azure Linux 3\\.0\\s+"_s).match(run.out).hasMatch(),
                 qPrintable(run.out));
        QCOMPARE(run.out.count(u"vmss"_s), 2);   // aks-legacy-spn has two nodes
    }

    void getPodsAllNamespaces()
    {
        const Run run = kubectl({u"get"_s, u"pods"_s, u"-A"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(QRegularExpression(u"^NAMESPACE\\s+NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\n"_s).match(run.out).hasMatch(),
                 qPrintable(run.out));
        QVERIFY2(QRegularExpression(u"\\nkube-system\\s+coredns-\\w+-\\w{5}\\s+1/1\\s+Running\\s+0\\s+7d\\n"_s).match(run.out).hasMatch(),
                 qPrintable(run.out));
        QCOMPARE(run.out.count(u"metrics-server-"_s), 2);
    }

    void getCrds()
    {
        const Run run = kubectl({u"get"_s, u"crds"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(QRegularExpression(u"^NAME\\s+CREATED AT\\n"_s).match(run.out).hasMatch(), qPrintable(run.out));
        QVERIFY2(QRegularExpression(u"\\nkustomizations\\.kustomize\\.toolkit\\.fluxcd\\.io\\s+\\d{4}-\\d\\d-\\d\\dT"_s)
                     .match(run.out).hasMatch(), qPrintable(run.out));
        QVERIFY(run.out.contains(u"\nfluxconfigs.clusterconfig.azure.com "_s));
        QCOMPARE(run.out.count(u".toolkit.fluxcd.io"_s), 14);
    }

    void getKustomizationsAsTheTutorialShows()
    {
        auto &kube = m_server->kubernetes();
        QVERIFY(kube.apply(KubeTest::PlainCluster, KubeTest::namespaceObject(u"cluster-config"_s)));
        QVERIFY(kube.apply(KubeTest::PlainCluster, KubeTest::kustomization(u"cluster-config"_s, u"cluster-config-infra"_s, true,
                                                                          u"Applied revision: main@sha1:8f2e3a1"_s)));
        QVERIFY(kube.apply(KubeTest::PlainCluster, KubeTest::kustomization(u"cluster-config"_s, u"cluster-config-apps"_s, false,
                                                                          u"dependency 'cluster-config/cluster-config-infra' "
                                                                          "is not ready"_s)));
        const Run run = kubectl({u"get"_s, u"kustomizations"_s, u"-A"_s});
        QCOMPARE(run.exitCode, 0);
        const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY2(QRegularExpression(u"^NAMESPACE\\s+NAME\\s+AGE\\s+READY\\s+STATUS$"_s).match(lines[0]).hasMatch(), qPrintable(run.out));
        QVERIFY2(QRegularExpression(u"^cluster-config\\s+cluster-config-apps\\s+\\d+s\\s+False\\s+dependency "
                                    "'cluster-config/cluster-config-infra' is not ready$"_s).match(lines[1]).hasMatch(),
                 qPrintable(run.out));
        QVERIFY2(QRegularExpression(u"^cluster-config\\s+cluster-config-infra\\s+\\d+s\\s+True\\s+Applied revision: "
                                    "main@sha1:8f2e3a1$"_s).match(lines[2]).hasMatch(), qPrintable(run.out));

        const Run yaml = kubectl({u"get"_s, u"ks"_s, u"-n"_s, u"cluster-config"_s, u"-o"_s, u"yaml"_s});
        QCOMPARE(yaml.exitCode, 0);
        QVERIFY2(yaml.out.startsWith(u"apiVersion: v1\nitems:\n- apiVersion: kustomize.toolkit.fluxcd.io/v1\n  kind: Kustomization\n"_s),
                 qPrintable(yaml.out));
        QVERIFY(yaml.out.contains(u"    name: cluster-config-infra\n"_s));
        QVERIFY2(yaml.out.contains(u"      message: dependency 'cluster-config/cluster-config-infra' is not ready\n"_s),
                 qPrintable(yaml.out));
        QVERIFY(yaml.out.contains(u"kind: List\n"_s));

        // The deprecated version still answers, with Kubernetes' warning.
        const Run old = kubectl({u"get"_s, u"kustomizations.v1beta2.kustomize.toolkit.fluxcd.io"_s, u"-n"_s,
                                 u"cluster-config"_s, u"cluster-config-infra"_s, u"-o"_s, u"name"_s});
        QCOMPARE(old.exitCode, 0);
        QCOMPARE(old.out, u"kustomization.kustomize.toolkit.fluxcd.io/cluster-config-infra\n"_s);
        QVERIFY2(old.err.contains(u"Warning: v1beta2 Kustomization is deprecated, upgrade to v1"_s), qPrintable(old.err));
    }

    void logs()
    {
        const Run pods = kubectl({u"get"_s, u"pods"_s, u"-n"_s, u"kube-system"_s, u"-l"_s, u"k8s-app=kube-dns"_s, u"-o"_s, u"name"_s});
        QCOMPARE(pods.exitCode, 0);
        const QStringList names = pods.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(names.size(), 2);
        const Run run = kubectl({u"logs"_s, u"-n"_s, u"kube-system"_s, names.first()});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith(u".:53\n"_s), qPrintable(run.out));
        QVERIFY(run.out.contains(u"CoreDNS-1.11.3\n"_s));
        const Run tail = kubectl({u"logs"_s, u"-n"_s, u"kube-system"_s, names.first(), u"--tail=1"_s, u"--timestamps"_s});
        QCOMPARE(tail.exitCode, 0);
        QVERIFY2(QRegularExpression(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z linux/amd64, go1\\.22\\.7, a6338e9\\n$"_s)
                     .match(tail.out).hasMatch(), qPrintable(tail.out));
    }

    void describe()
    {
        const Run pod = kubectl({u"describe"_s, u"pods"_s, u"-n"_s, u"kube-system"_s, u"-l"_s, u"k8s-app=metrics-server"_s});
        QCOMPARE(pod.exitCode, 0);
        QVERIFY2(QRegularExpression(u"Status:\\s+Running\n"_s).match(pod.out).hasMatch(), qPrintable(pod.out));
        QVERIFY2(QRegularExpression(u"Normal\\s+Started\\s+\\S+\\s+kubelet\\s+Started container metrics-server"_s)
                     .match(pod.out).hasMatch(), qPrintable(pod.out));
        const Run ks = kubectl({u"describe"_s, u"kustomization"_s, u"-n"_s, u"cluster-config"_s, u"cluster-config-infra"_s});
        QCOMPARE(ks.exitCode, 0);
        QVERIFY2(ks.out.contains(u"Message:               Applied revision: main@sha1:8f2e3a1"_s), qPrintable(ks.out));
    }

    void watchSeesANewNamespace()
    {
        QProcess process;
        process.start(Kubectl, arguments({u"get"_s, u"namespaces"_s, u"--watch"_s}));
        QVERIFY(process.waitForStarted());
        QByteArray out;
        connect(&process, &QProcess::readyReadStandardOutput, this, [&] { out += process.readAllStandardOutput(); });
        QTRY_VERIFY_WITH_TIMEOUT(out.contains("kube-system "), 20000);
        QVERIFY(m_server->kubernetes().apply(KubeTest::PlainCluster, KubeTest::namespaceObject(u"watched"_s)));
        QTRY_VERIFY2_WITH_TIMEOUT(QRegularExpression(u"\\nwatched\\s+Active\\s+0s\\n"_s).match(QString::fromUtf8(out)).hasMatch(),
                                  out.constData(), 20000);
        process.terminate();
        QSignalSpy finished(&process, &QProcess::finished);
        QVERIFY(process.state() == QProcess::NotRunning || finished.wait(10000));
    }

    void watchEndsAtTheRequestTimeout()
    {
        const Run run = kubectl({u"get"_s, u"pods"_s, u"-n"_s, u"kube-system"_s, u"--watch-only"_s, u"--request-timeout=2s"_s});
        QVERIFY2(run.out.isEmpty(), qPrintable(run.out));   // nothing changed, nothing printed, and it ended
    }

    void deleteANamespaceAndWhatIsInIt()
    {
        auto &kube = m_server->kubernetes();
        QVERIFY(kube.apply(KubeTest::PlainCluster, KubeTest::namespaceObject(u"doomed"_s)));
        QVERIFY(kube.apply(KubeTest::PlainCluster, KubeTest::kustomization(u"doomed"_s, u"gone"_s, true, u"ok"_s)));
        const Run run = kubectl({u"delete"_s, u"namespace"_s, u"doomed"_s});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, u"namespace \"doomed\" deleted\n"_s);
        const Run after = kubectl({u"get"_s, u"ks"_s, u"-n"_s, u"doomed"_s});
        QCOMPARE(after.out, QString());
        QVERIFY2(after.err.contains(u"No resources found in doomed namespace."_s), qPrintable(after.err));
    }

    void applyCreatesAndUpdates()
    {
        const QString file = m_state.path() + u"/repo.yaml"_s;
        QFile manifest(file);
        QVERIFY(manifest.open(QIODevice::WriteOnly));
        manifest.write("apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: podinfo\n"
                       "  namespace: default\nspec:\n  interval: 5m\n  url: https://github.com/stefanprodan/podinfo\n"
                       "  ref:\n    branch: master\n");
        manifest.close();
        const Run created = kubectl({u"apply"_s, u"--validate=false"_s, u"-f"_s, file});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        QCOMPARE(created.out, u"gitrepository.source.toolkit.fluxcd.io/podinfo created\n"_s);
        QVERIFY(manifest.open(QIODevice::Append));
        manifest.write("  timeout: 60s\n");
        manifest.close();
        const Run updated = kubectl({u"apply"_s, u"--validate=false"_s, u"-f"_s, file});
        QVERIFY2(updated.exitCode == 0, qPrintable(updated.err));
        QCOMPARE(updated.out, u"gitrepository.source.toolkit.fluxcd.io/podinfo configured\n"_s);
        const Run get = kubectl({u"get"_s, u"gitrepo"_s, u"podinfo"_s, u"-o"_s, u"jsonpath={.spec.timeout} {.metadata.generation}"_s});
        QCOMPARE(get.out, u"60s 2"_s);
    }

private:
    QStringList arguments(const QStringList &args) const
    {
        return QStringList{u"--kubeconfig"_s, m_state.path() + u"/kubeconfig"_s, u"--cache-dir"_s, m_state.path() + u"/cache"_s}
            + args;
    }

    // Runs kubectl while the event loop keeps serving it (the server lives on this thread).
    Run kubectl(const QStringList &args)
    {
        QProcess process;
        QSignalSpy finished(&process, &QProcess::finished);
        process.start(Kubectl, arguments(args));
        if (!process.waitForStarted())
            return {};
        if (!finished.wait(60000))
            process.kill();
        return Run{process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                   QString::fromUtf8(process.readAllStandardError())};
    }

    QTemporaryDir m_state;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<KubeTest::Client> m_client;
};

QTEST_GUILESS_MAIN(TestKubectl)
#include "tst_kubectl.moc"
