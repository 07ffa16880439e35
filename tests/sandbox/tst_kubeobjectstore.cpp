// The Kubernetes object store as the Flux reconciler uses it: apply, get, list, remove, logs,
// change signals, persistence. No HTTP here.

#include "kube/kubeclusterkey.h"
#include "kube/kubeobjectstore.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Fluxdeck::Sandbox::KubeClusterFacts;
using Fluxdeck::Sandbox::KubeLogLine;
using Fluxdeck::Sandbox::KubeObjectRef;
using Fluxdeck::Sandbox::KubeObjectStore;
using Fluxdeck::Sandbox::KubeWatchEvent;

Q_DECLARE_METATYPE(Fluxdeck::Sandbox::KubeWatchEvent)
Q_DECLARE_METATYPE(Fluxdeck::Sandbox::KubeLogLine)

namespace {

const QString Cluster = u"/subscriptions/1/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/Edge"_s;

KubeClusterFacts facts()
{
    KubeClusterFacts f;
    f.armId = Cluster;
    f.name = u"Edge"_s;
    f.connected = true;
    f.distribution = u"k3s"_s;
    f.nodes = 2;
    f.architecture = u"arm64"_s;
    f.kubernetesVersion = u"1.31.5"_s;
    return f;
}

QJsonObject gitRepository(const QString &name, const QString &url, const QJsonObject &status = {})
{
    QJsonObject object{
        {u"apiVersion"_s, u"source.toolkit.fluxcd.io/v1"_s},
        {u"kind"_s, u"GitRepository"_s},
        {u"metadata"_s, QJsonObject{{u"name"_s, name}, {u"namespace"_s, u"flux-system"_s},
                                    {u"labels"_s, QJsonObject{{u"app"_s, name}}}}},
        {u"spec"_s, QJsonObject{{u"url"_s, url}, {u"interval"_s, u"1m"_s}}},
    };
    if (!status.isEmpty())
        object.insert(u"status"_s, status);
    return object;
}

const KubeObjectRef Repo{u"source.toolkit.fluxcd.io/v1"_s, u"GitRepository"_s, u"flux-system"_s, u"podinfo"_s};

QJsonObject meta(const QJsonObject &object)
{
    return object.value(u"metadata").toObject();
}

} // namespace

class TestKubeObjectStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<KubeWatchEvent>();
        qRegisterMetaType<KubeLogLine>();
    }

    void init()
    {
        m_store = std::make_unique<KubeObjectStore>();
        m_store->addCluster(facts());
        QVERIFY(m_store->apply(Cluster, QJsonObject{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Namespace"_s},
                                                    {u"metadata"_s, QJsonObject{{u"name"_s, u"flux-system"_s}}}}));
    }

    void clustersAreFoundByIdAndKey()
    {
        QVERIFY(m_store->hasCluster(Cluster.toUpper()));
        QCOMPARE(m_store->clusterForKey(Fluxdeck::Sandbox::kubeClusterKey(Cluster)), Cluster.toLower());
        QCOMPARE(Fluxdeck::Sandbox::kubeClusterKey(Cluster).size(), 16);
        QVERIFY(!m_store->apply(u"/nope"_s, gitRepository(u"x"_s, u"https://x"_s)));
    }

    void seededOnFirstUse()
    {
        const auto nodes = m_store->list(Cluster, u"v1"_s, u"Node"_s);
        QVERIFY(nodes);
        QCOMPARE(nodes->size(), 2);
        const QJsonObject node = nodes->first();
        QCOMPARE(meta(node).value(u"name").toString(), u"Edge-node-0"_s);
        QCOMPARE(meta(node).value(u"labels").toObject().value(u"kubernetes.io/arch").toString(), u"arm64"_s);
        QCOMPARE(node.value(u"status").toObject().value(u"nodeInfo").toObject().value(u"kubeletVersion").toString(),
                 u"v1.31.5+k3s1"_s);
        QStringList namespaces;
        const auto all = m_store->list(Cluster, u"v1"_s, u"Namespace"_s);
        for (const QJsonObject &ns : *all)
            namespaces.append(meta(ns).value(u"name").toString());
        QCOMPARE(namespaces, (QStringList{u"default"_s, u"flux-system"_s, u"kube-node-lease"_s, u"kube-public"_s, u"kube-system"_s}));
        QCOMPARE(m_store->list(Cluster, u"v1"_s, u"Pod"_s, u"kube-system"_s)->size(), 3);   // coredns ×2, metrics-server ×1 on k3s
        QCOMPARE(m_store->list(Cluster, u"apiextensions.k8s.io/v1"_s, u"CustomResourceDefinition"_s)->size(), 15);
    }

    void applyCreatesThenUpdates()
    {
        QSignalSpy changes(m_store.get(), &KubeObjectStore::objectChanged);
        const auto created = m_store->apply(Cluster, gitRepository(u"podinfo"_s, u"https://github.com/stefanprodan/podinfo"_s));
        QVERIFY(created);
        QCOMPARE(meta(*created).value(u"generation").toInt(), 1);
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes[0][0].toString(), Cluster.toLower());
        QCOMPARE(changes[0][1].value<KubeWatchEvent>().type, KubeWatchEvent::Type::Added);

        // Status given: kept as given; spec unchanged: no new generation.
        const QJsonObject status{{u"conditions"_s, QJsonArray{QJsonObject{{u"type"_s, u"Ready"_s}, {u"status"_s, u"True"_s}}}}};
        const auto withStatus = m_store->apply(Cluster, gitRepository(u"podinfo"_s, u"https://github.com/stefanprodan/podinfo"_s,
                                                                      status));
        QVERIFY(withStatus);
        QCOMPARE(withStatus->value(u"status").toObject(), status);
        QCOMPARE(meta(*withStatus).value(u"generation").toInt(), 1);
        QCOMPARE(meta(*withStatus).value(u"uid"), meta(*created).value(u"uid"));

        // Status left out: the current one stays; a spec change bumps the generation.
        const auto moved = m_store->apply(Cluster, gitRepository(u"podinfo"_s, u"https://example.com/podinfo"_s));
        QVERIFY(moved);
        QCOMPARE(moved->value(u"status").toObject(), status);
        QCOMPARE(meta(*moved).value(u"generation").toInt(), 2);
        QCOMPARE(changes.last()[1].value<KubeWatchEvent>().type, KubeWatchEvent::Type::Modified);
        QCOMPARE(changes.last()[1].value<KubeWatchEvent>().previous.value(u"spec").toObject().value(u"url").toString(),
                 u"https://github.com/stefanprodan/podinfo"_s);

        // The same again changes nothing and says nothing.
        const qsizetype before = changes.size();
        const quint64 version = m_store->resourceVersion(Cluster);
        QVERIFY(m_store->apply(Cluster, gitRepository(u"podinfo"_s, u"https://example.com/podinfo"_s)));
        QCOMPARE(changes.size(), before);
        QCOMPARE(m_store->resourceVersion(Cluster), version);

        QCOMPARE(m_store->get(Cluster, Repo)->value(u"spec").toObject().value(u"url").toString(), u"https://example.com/podinfo"_s);
    }

    void applyRefusesWhatItCannotServe_data()
    {
        QTest::addColumn<QJsonObject>("object");
        QTest::addColumn<QString>("reason");
        QTest::newRow("unknown kind") << QJsonObject{{u"apiVersion"_s, u"example.com/v1"_s}, {u"kind"_s, u"Widget"_s}}
                                      << u"NotFound"_s;
        QTest::newRow("removed version") << QJsonObject{{u"apiVersion"_s, u"source.toolkit.fluxcd.io/v1beta1"_s},
                                                        {u"kind"_s, u"GitRepository"_s}}
                                         << u"NotFound"_s;
        QJsonObject noNamespace = gitRepository(u"x"_s, u"https://x"_s);
        noNamespace.insert(u"metadata"_s, QJsonObject{{u"name"_s, u"x"_s}, {u"namespace"_s, u"missing"_s}});
        QTest::newRow("missing namespace") << noNamespace << u"NotFound"_s;
        QTest::newRow("bad name") << gitRepository(u"Bad Name"_s, u"https://x"_s) << u"Invalid"_s;
    }

    void applyRefusesWhatItCannotServe()
    {
        QFETCH(QJsonObject, object);
        QFETCH(QString, reason);
        const auto result = m_store->apply(Cluster, object);
        QVERIFY(!result);
        QCOMPARE(result.error().detail, reason);
    }

    void removeHonoursFinalizers()
    {
        QJsonObject object = gitRepository(u"podinfo"_s, u"https://x"_s);
        QJsonObject metadata = meta(object);
        metadata.insert(u"finalizers"_s, QJsonArray{u"finalizers.fluxcd.io"_s});
        object.insert(u"metadata"_s, metadata);
        QVERIFY(m_store->apply(Cluster, object));
        const auto deleting = m_store->remove(Cluster, Repo);
        QVERIFY(deleting);
        QVERIFY(meta(*deleting).contains(u"deletionTimestamp"));
        QVERIFY(m_store->get(Cluster, Repo));

        // The controller lets go: the deletion completes.
        QSignalSpy changes(m_store.get(), &KubeObjectStore::objectChanged);
        metadata.insert(u"finalizers"_s, QJsonArray{});
        object.insert(u"metadata"_s, metadata);
        QVERIFY(m_store->apply(Cluster, object));
        QVERIFY(!m_store->get(Cluster, Repo));
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes[0][1].value<KubeWatchEvent>().type, KubeWatchEvent::Type::Deleted);
        const auto again = m_store->remove(Cluster, Repo);
        QVERIFY(!again);
        QCOMPARE(again.error().detail, u"NotFound"_s);
    }

    void listBySelectorAndVersion()
    {
        QVERIFY(m_store->apply(Cluster, gitRepository(u"a"_s, u"https://a"_s)));
        QVERIFY(m_store->apply(Cluster, gitRepository(u"b"_s, u"https://b"_s)));
        QCOMPARE(m_store->list(Cluster, u"source.toolkit.fluxcd.io/v1"_s, u"GitRepository"_s)->size(), 2);
        QCOMPARE(m_store->list(Cluster, u"source.toolkit.fluxcd.io/v1beta2"_s, u"GitRepository"_s, u"flux-system"_s)->size(), 2);
        const auto one = m_store->list(Cluster, u"source.toolkit.fluxcd.io/v1"_s, u"GitRepository"_s, {}, u"app=b"_s);
        QCOMPARE(one->size(), 1);
        QCOMPARE(meta(one->first()).value(u"name").toString(), u"b"_s);
        QCOMPARE(m_store->list(Cluster, u"source.toolkit.fluxcd.io/v1"_s, u"GitRepository"_s, u"default"_s)->size(), 0);
        QCOMPARE(m_store->list(Cluster, u"source.toolkit.fluxcd.io/v1"_s, u"GitRepository"_s, {}, u"app in (a"_s).error().detail,
                 u"BadRequest"_s);
    }

    void logs()
    {
        const QString pod = meta(m_store->list(Cluster, u"v1"_s, u"Pod"_s, u"kube-system"_s)->first()).value(u"name").toString();
        const QString container = pod.section(u'-', 0, -3);
        QSignalSpy appended(m_store.get(), &KubeObjectStore::logAppended);
        m_store->appendLog(Cluster, u"kube-system"_s, pod, container, u"reconciliation finished"_s);
        QCOMPARE(appended.size(), 1);
        QCOMPARE(appended[0][4].value<KubeLogLine>().text, u"reconciliation finished"_s);
        const auto *lines = m_store->logs(Cluster, u"kube-system"_s, pod, container);
        QVERIFY(lines);
        QCOMPARE(lines->back().text, u"reconciliation finished"_s);
        QVERIFY(lines->size() > 1);
    }

    void historyIsBounded()
    {
        m_store->setHistoryLimit(3);
        const quint64 start = m_store->resourceVersion(Cluster);
        for (int i = 0; i < 5; ++i)
            QVERIFY(m_store->apply(Cluster, gitRepository(u"r%1"_s.arg(i), u"https://r"_s)));
        QVERIFY(!m_store->eventsSince(Cluster, start));
        const auto recent = m_store->eventsSince(Cluster, m_store->resourceVersion(Cluster) - 2);
        QVERIFY(recent);
        QCOMPARE(recent->size(), 2);
        QCOMPARE(m_store->oldestAvailable(Cluster), m_store->resourceVersion(Cluster) - 3);
    }

    void persistsPerCluster()
    {
        QTemporaryDir dir;
        m_store->setStateDirectory(dir.path());
        QVERIFY(m_store->apply(Cluster, gitRepository(u"podinfo"_s, u"https://x"_s)));
        const quint64 version = m_store->resourceVersion(Cluster);
        m_store->flush();
        QVERIFY(QFile::exists(dir.path() + u'/' + Fluxdeck::Sandbox::kubeClusterKey(Cluster) + u".json"_s));

        KubeObjectStore restored;
        restored.setStateDirectory(dir.path());
        restored.addCluster(facts());
        QCOMPARE(restored.resourceVersion(Cluster), version);
        QCOMPARE(restored.get(Cluster, Repo), m_store->get(Cluster, Repo));
        QCOMPARE(restored.list(Cluster, u"v1"_s, u"Node"_s)->size(), 2);
    }

private:
    std::unique_ptr<KubeObjectStore> m_store;
};

QTEST_GUILESS_MAIN(TestKubeObjectStore)
#include "tst_kubeobjectstore.moc"
