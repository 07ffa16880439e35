// A sandbox cluster's Kubernetes API over real loopback HTTPS: auth, discovery, CRUD, selectors,
// paging, watches, Table printing, logs and persistence.

#include "tst_kubeclient.h"

#include "kube/kubeapiservice.h"
#include "kube/kubeobjectstore.h"

#include <QRegularExpression>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using Fluxdeck::Sandbox::KubeApiService;
using Fluxdeck::Sandbox::KubeObjectStore;
using Fluxdeck::Sandbox::SandboxServer;

namespace {

QJsonObject configMap(const QString &ns, const QString &name, const QJsonObject &labels = {})
{
    QJsonObject metadata{{u"name"_s, name}, {u"namespace"_s, ns}};
    if (!labels.isEmpty())
        metadata.insert(u"labels"_s, labels);
    return QJsonObject{{u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"ConfigMap"_s}, {u"metadata"_s, metadata},
                       {u"data"_s, QJsonObject{{u"key"_s, u"value"_s}}}};
}

QStringList names(const QJsonObject &list)
{
    QStringList result;
    for (const QJsonValue &item : list.value(u"items").toArray())
        result.append(item.toObject().value(u"metadata").toObject().value(u"name").toString());
    return result;
}

QStringList columnNames(const QJsonObject &table)
{
    QStringList result;
    for (const QJsonValue &c : table.value(u"columnDefinitions").toArray())
        result.append(c.toObject().value(u"name").toString() + (c.toObject().value(u"priority").toInt() ? u"*"_s : u""_s));
    return result;
}

QString rv(const QJsonObject &object)
{
    return object.value(u"metadata").toObject().value(u"resourceVersion").toString();
}

const QString Kustomizations = u"/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations"_s;

} // namespace

class TestKubeApiService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_state.isValid());
        start();
    }

    void cleanup()
    {
        m_client.reset();
        m_server.reset();
        QDir(m_state.path()).removeRecursively();
        QDir().mkpath(m_state.path());
    }

    void unauthorizedWithoutTheClustersToken()
    {
        const QByteArray expected = R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401})";
        const QByteArray token = m_client->token();
        m_client->setToken({});
        KubeTest::Reply reply = m_client->get(u"/api/v1/namespaces"_s);
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.body, expected);
        m_client->setToken("not-a-token");
        QCOMPARE(m_client->get(u"/version"_s).status, 401);

        // Another cluster's token does not open this one.
        KubeTest::Client other(*m_server);
        QVERIFY(other.connectTo(KubeTest::EdgeCluster));
        m_client->setToken(other.token());
        reply = m_client->get(u"/api/v1/namespaces"_s);
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.json.value(u"reason").toString(), u"Unauthorized"_s);
        m_client->setToken(token);
        QCOMPARE(m_client->get(u"/api/v1/namespaces"_s).status, 200);
    }

    void version()
    {
        QCOMPARE(m_client->get(u"/version"_s).json.value(u"gitVersion").toString(), u"v1.31.9"_s);
        KubeTest::Client edge(*m_server);
        QVERIFY(edge.connectTo(KubeTest::EdgeCluster));
        const QJsonObject version = edge.get(u"/version"_s).json;
        QCOMPARE(version.value(u"gitVersion").toString(), u"v1.31.5"_s);
        QCOMPARE(version.value(u"minor").toString(), u"31"_s);
        QCOMPARE(version.value(u"platform").toString(), u"linux/arm64"_s);
    }

    void legacyDiscovery()
    {
        const QJsonObject api = m_client->get(u"/api"_s).json;
        QCOMPARE(api.value(u"kind").toString(), u"APIVersions"_s);
        QCOMPARE(api.value(u"versions").toArray(), QJsonArray{u"v1"_s});

        const QJsonObject groups = m_client->get(u"/apis"_s).json;
        QCOMPARE(groups.value(u"kind").toString(), u"APIGroupList"_s);
        QHash<QString, QJsonObject> byName;
        for (const QJsonValue &g : groups.value(u"groups").toArray())
            byName.insert(g.toObject().value(u"name").toString(), g.toObject());
        QCOMPARE(byName.size(), 8);
        QCOMPARE(byName[u"notification.toolkit.fluxcd.io"_s].value(u"preferredVersion").toObject().value(u"version").toString(),
                 u"v1"_s);
        QStringList versions;
        for (const QJsonValue &v : byName[u"notification.toolkit.fluxcd.io"_s].value(u"versions").toArray())
            versions.append(v.toObject().value(u"version").toString());
        QCOMPARE(versions, (QStringList{u"v1"_s, u"v1beta3"_s, u"v1beta2"_s}));
        QCOMPARE(byName[u"helm.toolkit.fluxcd.io"_s].value(u"preferredVersion").toObject().value(u"groupVersion").toString(),
                 u"helm.toolkit.fluxcd.io/v2"_s);

        const QJsonObject core = m_client->get(u"/api/v1"_s).json;
        QCOMPARE(core.value(u"kind").toString(), u"APIResourceList"_s);
        QStringList resources;
        for (const QJsonValue &r : core.value(u"resources").toArray())
            resources.append(r.toObject().value(u"name").toString());
        QVERIFY(resources.contains(u"pods/log"_s));
        QVERIFY(resources.contains(u"pods/status"_s));
        QVERIFY(resources.contains(u"namespaces"_s));

        const QJsonObject ks = m_client->get(u"/apis/kustomize.toolkit.fluxcd.io/v1"_s).json;
        const QJsonObject first = ks.value(u"resources").toArray().at(0).toObject();
        QCOMPARE(first.value(u"name").toString(), u"kustomizations"_s);
        QCOMPARE(first.value(u"singularName").toString(), u"kustomization"_s);
        QCOMPARE(first.value(u"kind").toString(), u"Kustomization"_s);
        QCOMPARE(first.value(u"namespaced").toBool(), true);
        QCOMPARE(first.value(u"shortNames").toArray(), QJsonArray{u"ks"_s});
        QCOMPARE(ks.value(u"resources").toArray().at(1).toObject().value(u"name").toString(), u"kustomizations/status"_s);

        QCOMPARE(m_client->get(u"/apis/notification.toolkit.fluxcd.io/v1beta3"_s).body.contains("alerts/status"), false);
        QCOMPARE(m_client->get(u"/apis/example.com/v1"_s).status, 404);
        const KubeTest::Reply openapi = m_client->get(u"/openapi/v2"_s);
        QCOMPARE(openapi.status, 404);
        QCOMPARE(openapi.json.value(u"reason").toString(), u"NotFound"_s);
    }

    void aggregatedDiscovery()
    {
        const QByteArrayView accept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
                                      "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";
        const KubeTest::Reply core = m_client->get(u"/api"_s, accept);
        QCOMPARE(core.headers.value("content-type"), "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
        QCOMPARE(core.json.value(u"kind").toString(), u"APIGroupDiscoveryList"_s);
        const QJsonArray resources = core.json.value(u"items").toArray().at(0).toObject().value(u"versions").toArray().at(0)
                                         .toObject().value(u"resources").toArray();
        QJsonObject pods;
        for (const QJsonValue &r : resources) {
            if (r.toObject().value(u"resource") == u"pods"_s)
                pods = r.toObject();
        }
        QCOMPARE(pods.value(u"scope").toString(), u"Namespaced"_s);
        QCOMPARE(pods.value(u"subresources").toArray().size(), 2);

        const KubeTest::Reply groups = m_client->get(u"/apis"_s, accept);
        QCOMPARE(groups.json.value(u"items").toArray().size(), 8);
        const QJsonObject apps = groups.json.value(u"items").toArray().at(0).toObject();
        QCOMPARE(apps.value(u"metadata").toObject().value(u"name").toString(), u"apps"_s);
    }

    void createGetUpdateDelete()
    {
        KubeTest::Reply created = m_client->post(u"/api/v1/namespaces/default/configmaps"_s, configMap(u"default"_s, u"settings"_s));
        QCOMPARE(created.status, 201);
        const QJsonObject metadata = created.json.value(u"metadata").toObject();
        QVERIFY(!metadata.value(u"uid").toString().isEmpty());
        QVERIFY(metadata.value(u"creationTimestamp").toString().endsWith(u'Z'));
        QVERIFY(rv(created.json).toULongLong() > 0);

        const KubeTest::Reply again = m_client->post(u"/api/v1/namespaces/default/configmaps"_s, configMap(u"default"_s, u"settings"_s));
        QCOMPARE(again.status, 409);
        QCOMPARE(again.json.value(u"reason").toString(), u"AlreadyExists"_s);
        QCOMPARE(again.json.value(u"message").toString(), u"configmaps \"settings\" already exists"_s);

        QJsonObject changed = created.json;
        changed.insert(u"data"_s, QJsonObject{{u"key"_s, u"other"_s}});
        const KubeTest::Reply updated = m_client->put(u"/api/v1/namespaces/default/configmaps/settings"_s, changed);
        QCOMPARE(updated.status, 200);
        QVERIFY(rv(updated.json).toULongLong() > rv(created.json).toULongLong());

        // The same resourceVersion again is stale now.
        const KubeTest::Reply stale = m_client->put(u"/api/v1/namespaces/default/configmaps/settings"_s, changed);
        QCOMPARE(stale.status, 409);
        QCOMPARE(stale.json.value(u"reason").toString(), u"Conflict"_s);
        QVERIFY(stale.json.value(u"message").toString().contains(u"the object has been modified"_s));

        const KubeTest::Reply got = m_client->get(u"/api/v1/namespaces/default/configmaps/settings"_s);
        QCOMPARE(got.json.value(u"data").toObject().value(u"key").toString(), u"other"_s);

        QCOMPARE(m_client->send("DELETE", u"/api/v1/namespaces/default/configmaps/settings"_s).status, 200);
        const KubeTest::Reply gone = m_client->get(u"/api/v1/namespaces/default/configmaps/settings"_s);
        QCOMPARE(gone.status, 404);
        QCOMPARE(gone.json.value(u"reason").toString(), u"NotFound"_s);
        QCOMPARE(gone.json.value(u"details").toObject().value(u"kind").toString(), u"configmaps"_s);
    }

    void createIsValidated_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no name") << u"/api/v1/namespaces/default/configmaps"_s << QByteArray(R"({"metadata":{}})") << 422
                                 << u"Invalid"_s;
        QTest::newRow("bad name") << u"/api/v1/namespaces/default/configmaps"_s
                                  << QByteArray(R"({"metadata":{"name":"Not_Valid"}})") << 422 << u"Invalid"_s;
        QTest::newRow("unknown namespace") << u"/api/v1/namespaces/nowhere/configmaps"_s
                                           << QByteArray(R"({"metadata":{"name":"x"}})") << 404 << u"NotFound"_s;
        QTest::newRow("namespace mismatch") << u"/api/v1/namespaces/default/configmaps"_s
                                            << QByteArray(R"({"metadata":{"name":"x","namespace":"kube-system"}})") << 400
                                            << u"BadRequest"_s;
        QTest::newRow("wrong kind") << u"/api/v1/namespaces/default/configmaps"_s
                                    << QByteArray(R"({"kind":"Secret","metadata":{"name":"x"}})") << 400 << u"BadRequest"_s;
        QTest::newRow("not json") << u"/api/v1/namespaces/default/configmaps"_s << QByteArray("{nope") << 400 << u"BadRequest"_s;
        QTest::newRow("unknown resource") << u"/api/v1/namespaces/default/widgets"_s << QByteArray("{}") << 404 << u"NotFound"_s;
    }

    void createIsValidated()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, reason);
        const KubeTest::Reply reply = m_client->send("POST", path, body);
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.json.value(u"kind").toString(), u"Status"_s);
        QCOMPARE(reply.json.value(u"reason").toString(), reason);
        QCOMPARE(reply.json.value(u"code").toInt(), status);
    }

    void customResourcesAndTheirStatus()
    {
        QVERIFY(m_client->post(u"/api/v1/namespaces"_s, KubeTest::namespaceObject(u"flux-system"_s)).status == 201);
        // POST drops status (it has its own subresource), as the API server does.
        const KubeTest::Reply created = m_client->post(Kustomizations,
                                                       KubeTest::kustomization(u"flux-system"_s, u"infra"_s, true, u"ok"_s));
        QCOMPARE(created.status, 201);
        QVERIFY(!created.json.contains(u"status"));
        QCOMPARE(created.json.value(u"metadata").toObject().value(u"generation").toInt(), 1);

        // Unconditional updates are refused for custom resources.
        QJsonObject noVersion = created.json;
        QJsonObject metadata = noVersion.value(u"metadata").toObject();
        metadata.remove(u"resourceVersion");
        noVersion.insert(u"metadata"_s, metadata);
        QCOMPARE(m_client->put(Kustomizations + u"/infra"_s, noVersion).json.value(u"reason").toString(), u"Invalid"_s);

        // The status subresource changes status only; the main resource ignores status.
        QJsonObject withStatus = KubeTest::kustomization(u"flux-system"_s, u"infra"_s, true, u"Applied revision: main@sha1:1"_s);
        withStatus.insert(u"metadata"_s, created.json.value(u"metadata"));
        withStatus.insert(u"spec"_s, QJsonObject{{u"interval"_s, u"1h"_s}});
        const KubeTest::Reply status = m_client->put(Kustomizations + u"/infra/status"_s, withStatus);
        QCOMPARE(status.status, 200);
        QCOMPARE(status.json.value(u"spec").toObject().value(u"interval").toString(), u"10m"_s);
        QCOMPARE(status.json.value(u"metadata").toObject().value(u"generation").toInt(), 1);
        QCOMPARE(m_client->get(Kustomizations + u"/infra/status"_s).json.value(u"status").toObject()
                     .value(u"conditions").toArray().at(0).toObject().value(u"message").toString(),
                 u"Applied revision: main@sha1:1"_s);

        // A merge patch of the spec bumps the generation; one of labels does not.
        KubeTest::Reply patched = m_client->send("PATCH", Kustomizations + u"/infra"_s, R"({"spec":{"interval":"5m"},"status":null})",
                                                 "application/merge-patch+json");
        QCOMPARE(patched.status, 200);
        QCOMPARE(patched.json.value(u"spec").toObject().value(u"interval").toString(), u"5m"_s);
        QCOMPARE(patched.json.value(u"metadata").toObject().value(u"generation").toInt(), 2);
        QVERIFY(patched.json.contains(u"status"));
        patched = m_client->send("PATCH", Kustomizations + u"/infra"_s, R"({"metadata":{"labels":{"team":"a"}}})",
                                 "application/strategic-merge-patch+json");
        QCOMPARE(patched.json.value(u"metadata").toObject().value(u"generation").toInt(), 2);
        QCOMPARE(patched.json.value(u"metadata").toObject().value(u"labels").toObject().value(u"team").toString(), u"a"_s);
        patched = m_client->send("PATCH", Kustomizations + u"/infra"_s,
                                 R"([{"op":"replace","path":"/spec/prune","value":false},{"op":"add","path":"/spec/suspend","value":true},)"
                                 R"({"op":"remove","path":"/metadata/labels/team"}])",
                                 "application/json-patch+json");
        QCOMPARE(patched.status, 200);
        QCOMPARE(patched.json.value(u"spec").toObject().value(u"prune").toBool(true), false);
        QCOMPARE(patched.json.value(u"spec").toObject().value(u"suspend").toBool(), true);
        QVERIFY(!patched.json.value(u"metadata").toObject().value(u"labels").toObject().contains(u"team"));
        const KubeTest::Reply badPatch = m_client->send("PATCH", Kustomizations + u"/infra"_s,
                                                        R"([{"op":"remove","path":"/spec/nothing"}])", "application/json-patch+json");
        QCOMPARE(badPatch.status, 422);
        QCOMPARE(m_client->send("PATCH", Kustomizations + u"/infra"_s, "{}", "text/plain").status, 415);

        // The deprecated version serves the same object, with a warning.
        const KubeTest::Reply old = m_client->get(u"/apis/kustomize.toolkit.fluxcd.io/v1beta2/namespaces/flux-system/kustomizations/infra"_s);
        QCOMPARE(old.json.value(u"apiVersion").toString(), u"kustomize.toolkit.fluxcd.io/v1beta2"_s);
        QCOMPARE(old.headers.value("warning"), "299 - \"v1beta2 Kustomization is deprecated, upgrade to v1\"");
    }

    void finalizersHoldADeletion()
    {
        QJsonObject object = configMap(u"default"_s, u"held"_s);
        QJsonObject metadata = object.value(u"metadata").toObject();
        metadata.insert(u"finalizers"_s, QJsonArray{u"example.com/wait"_s});
        object.insert(u"metadata"_s, metadata);
        QCOMPARE(m_client->post(u"/api/v1/namespaces/default/configmaps"_s, object).status, 201);
        const KubeTest::Reply deleting = m_client->send("DELETE", u"/api/v1/namespaces/default/configmaps/held"_s);
        QCOMPARE(deleting.status, 200);
        QVERIFY(deleting.json.value(u"metadata").toObject().contains(u"deletionTimestamp"));
        QCOMPARE(m_client->get(u"/api/v1/namespaces/default/configmaps/held"_s).status, 200);
        const KubeTest::Reply released = m_client->send("PATCH", u"/api/v1/namespaces/default/configmaps/held"_s,
                                                        R"({"metadata":{"finalizers":null}})", "application/merge-patch+json");
        QCOMPARE(released.status, 200);
        QCOMPARE(m_client->get(u"/api/v1/namespaces/default/configmaps/held"_s).status, 404);
    }

    void selectors_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("all") << u""_s << QStringList{u"a"_s, u"b"_s, u"c"_s, u"d"_s};
        QTest::newRow("=") << u"labelSelector=app%3Dweb"_s << QStringList{u"a"_s, u"b"_s};
        QTest::newRow("==") << u"labelSelector=app%3D%3Dweb"_s << QStringList{u"a"_s, u"b"_s};
        QTest::newRow("!=") << u"labelSelector=app!%3Dweb"_s << QStringList{u"c"_s, u"d"_s};
        QTest::newRow("in") << u"labelSelector=tier%20in%20(front,back)"_s << QStringList{u"a"_s, u"c"_s};
        QTest::newRow("notin") << u"labelSelector=tier%20notin%20(front)"_s << QStringList{u"b"_s, u"c"_s, u"d"_s};
        QTest::newRow("exists") << u"labelSelector=tier"_s << QStringList{u"a"_s, u"c"_s};
        QTest::newRow("!exists") << u"labelSelector=!tier"_s << QStringList{u"b"_s, u"d"_s};
        QTest::newRow("and") << u"labelSelector=app%3Dweb,tier"_s << QStringList{u"a"_s};
        QTest::newRow("name") << u"fieldSelector=metadata.name%3Dc"_s << QStringList{u"c"_s};
        QTest::newRow("name !=") << u"fieldSelector=metadata.name!%3Dc"_s << QStringList{u"a"_s, u"b"_s, u"d"_s};
        QTest::newRow("namespace") << u"fieldSelector=metadata.namespace%3Dsel"_s << QStringList{u"a"_s, u"b"_s, u"c"_s, u"d"_s};
        QTest::newRow("both") << u"labelSelector=app%3Dweb&fieldSelector=metadata.name!%3Da"_s << QStringList{u"b"_s};
    }

    void selectors()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, expected);
        auto &kube = m_server->kubernetes();
        QVERIFY(kube.apply(KubeTest::PlainCluster, KubeTest::namespaceObject(u"sel"_s)));
        QVERIFY(kube.apply(KubeTest::PlainCluster, configMap(u"sel"_s, u"a"_s, {{u"app"_s, u"web"_s}, {u"tier"_s, u"front"_s}})));
        QVERIFY(kube.apply(KubeTest::PlainCluster, configMap(u"sel"_s, u"b"_s, {{u"app"_s, u"web"_s}})));
        QVERIFY(kube.apply(KubeTest::PlainCluster, configMap(u"sel"_s, u"c"_s, {{u"app"_s, u"db"_s}, {u"tier"_s, u"back"_s}})));
        QVERIFY(kube.apply(KubeTest::PlainCluster, configMap(u"sel"_s, u"d"_s)));
        QVERIFY(kube.apply(KubeTest::PlainCluster, configMap(u"default"_s, u"elsewhere"_s, {{u"app"_s, u"web"_s}})));
        const KubeTest::Reply reply = m_client->get(u"/api/v1/namespaces/sel/configmaps?"_s + query);
        QCOMPARE(reply.status, 200);
        QStringList got = names(reply.json);
        got.removeAll(u"kube-root-ca.crt"_s);
        QCOMPARE(got, expected);
    }

    void badSelectorsAreBadRequests()
    {
        QCOMPARE(m_client->get(u"/api/v1/configmaps?labelSelector=a%20in%20(x"_s).json.value(u"reason").toString(), u"BadRequest"_s);
        QCOMPARE(m_client->get(u"/api/v1/configmaps?fieldSelector=spec.foo%3Dbar"_s).status, 400);
    }

    void pagingWithContinue()
    {
        auto &kube = m_server->kubernetes();
        QVERIFY(kube.apply(KubeTest::PlainCluster, KubeTest::namespaceObject(u"paging"_s)));
        QStringList all;
        for (int i = 0; i < 24; ++i) {
            const QString name = u"cm-%1"_s.arg(i, 2, 10, QChar(u'0'));
            QVERIFY(kube.apply(KubeTest::PlainCluster, configMap(u"paging"_s, name)));
            all.append(name);
        }
        all.prepend(u"kube-root-ca.crt"_s);
        std::sort(all.begin(), all.end());
        QStringList seen;
        QString token;
        QString listVersion;
        int pages = 0;
        do {
            const KubeTest::Reply page = m_client->get(u"/api/v1/namespaces/paging/configmaps?limit=10"_s
                                                       + (token.isEmpty() ? QString() : u"&continue="_s + token));
            QCOMPARE(page.status, 200);
            seen += names(page.json);
            token = page.json.value(u"metadata").toObject().value(u"continue").toString();
            const QString version = page.json.value(u"metadata").toObject().value(u"resourceVersion").toString();
            if (listVersion.isEmpty())
                listVersion = version;
            QCOMPARE(version, listVersion);   // every page answers for the list's first resourceVersion
            ++pages;
        } while (!token.isEmpty());
        QCOMPARE(pages, 3);
        QCOMPARE(seen, all);

        // Across namespaces, sorted by namespace then name.
        const KubeTest::Reply wide = m_client->get(u"/api/v1/configmaps?limit=3"_s);
        QCOMPARE(names(wide.json), (QStringList{u"kube-root-ca.crt"_s, u"kube-root-ca.crt"_s, u"kube-root-ca.crt"_s}));
        QCOMPARE(wide.json.value(u"items").toArray().at(1).toObject().value(u"metadata").toObject().value(u"namespace").toString(),
                 u"kube-node-lease"_s);

        // A token from before the retained history has expired.
        const QString old = m_client->get(u"/api/v1/namespaces/paging/configmaps?limit=5"_s)
                                .json.value(u"metadata").toObject().value(u"continue").toString();
        kube.setHistoryLimit(3);
        for (int i = 0; i < 5; ++i)
            QVERIFY(kube.apply(KubeTest::PlainCluster, configMap(u"paging"_s, u"later-%1"_s.arg(i))));
        const KubeTest::Reply expired = m_client->get(u"/api/v1/namespaces/paging/configmaps?limit=5&continue="_s + old);
        QCOMPARE(expired.status, 410);
        QCOMPARE(expired.json.value(u"reason").toString(), u"Expired"_s);
        QCOMPARE(m_client->get(u"/api/v1/namespaces/paging/configmaps?limit=5&continue=garbage"_s).status, 400);
    }

    void watchStreamsChanges()
    {
        auto &kube = m_server->kubernetes();
        const QString since = rv(m_client->get(u"/api/v1/namespaces/default/configmaps"_s).json);
        auto watch = m_client->stream(u"/api/v1/namespaces/default/configmaps?watch=1&labelSelector=app%3Dweb&resourceVersion="_s + since);
        QVERIFY(kube.apply(KubeTest::PlainCluster, configMap(u"default"_s, u"w"_s, {{u"app"_s, u"web"_s}})));
        QVERIFY(kube.apply(KubeTest::PlainCluster, configMap(u"default"_s, u"ignored"_s, {{u"app"_s, u"db"_s}})));
        QJsonObject changed = configMap(u"default"_s, u"w"_s, {{u"app"_s, u"web"_s}});
        changed.insert(u"data"_s, QJsonObject{{u"key"_s, u"changed"_s}});
        QVERIFY(kube.apply(KubeTest::PlainCluster, changed));
        // Leaving the selector reads as DELETED, entering it as ADDED.
        QVERIFY(kube.apply(KubeTest::PlainCluster, configMap(u"default"_s, u"w"_s, {{u"app"_s, u"db"_s}})));
        QVERIFY(kube.apply(KubeTest::PlainCluster, configMap(u"default"_s, u"ignored"_s, {{u"app"_s, u"web"_s}})));
        QVERIFY(kube.remove(KubeTest::PlainCluster, {u"v1"_s, u"ConfigMap"_s, u"default"_s, u"ignored"_s}));
        const QStringList expected{u"ADDED"_s, u"MODIFIED"_s, u"DELETED"_s, u"ADDED"_s, u"DELETED"_s};
        QTRY_COMPARE_WITH_TIMEOUT(watch->types(), expected, 10000);
        const QList<QJsonObject> events = watch->events();
        QCOMPARE(events[1].value(u"object").toObject().value(u"data").toObject().value(u"key").toString(), u"changed"_s);
        QCOMPARE(events[3].value(u"object").toObject().value(u"metadata").toObject().value(u"name").toString(), u"ignored"_s);
        QVERIFY(rv(events[4].value(u"object").toObject()).toULongLong() > rv(events[3].value(u"object").toObject()).toULongLong());

        // A second watch from the same point replays the retained history.
        auto replay = m_client->stream(u"/api/v1/namespaces/default/configmaps?watch=true&labelSelector=app%3Dweb&resourceVersion="_s
                                       + since);
        QTRY_COMPARE_WITH_TIMEOUT(replay->types(), expected, 10000);
    }

    void watchWithoutAResourceVersionStartsWithTheState()
    {
        auto watch = m_client->stream(u"/api/v1/namespaces?watch=true"_s);
        QTRY_COMPARE_WITH_TIMEOUT(watch->types().size(), 4, 10000);
        QCOMPARE(watch->types(), QStringList(4, u"ADDED"_s));
        auto named = m_client->stream(u"/api/v1/namespaces?watch=true&fieldSelector=metadata.name%3Dkube-system"_s);
        QTRY_COMPARE_WITH_TIMEOUT(named->types().size(), 1, 10000);
    }

    void watchBookmarksAndTimeout()
    {
        // kubeBookmarkInterval is 300 ms in this test; the stream ends after timeoutSeconds with one more.
        auto watch = m_client->stream(u"/api/v1/pods?watch=true&allowWatchBookmarks=true&timeoutSeconds=1&resourceVersion="_s
                                      + rv(m_client->get(u"/api/v1/pods"_s).json));
        QTRY_VERIFY_WITH_TIMEOUT(watch->finished(), 10000);
        const QStringList types = watch->types();
        QVERIFY2(types.size() >= 3, qPrintable(types.join(u',')));
        QCOMPARE(types, QStringList(types.size(), u"BOOKMARK"_s));
        const QJsonObject bookmark = watch->events().last().value(u"object").toObject();
        QCOMPARE(bookmark.value(u"kind").toString(), u"Pod"_s);
        QCOMPARE(rv(bookmark), QString::number(m_server->kubernetes().resourceVersion(KubeTest::PlainCluster)));
        QCOMPARE(watch->reply()->error(), QNetworkReply::NoError);
    }

    void watchFromACompactedVersionIsGone()
    {
        auto &kube = m_server->kubernetes();
        const QString old = rv(m_client->get(u"/api/v1/configmaps"_s).json);
        kube.setHistoryLimit(5);
        for (int i = 0; i < 10; ++i)
            QVERIFY(kube.apply(KubeTest::PlainCluster, configMap(u"default"_s, u"churn-%1"_s.arg(i))));
        auto watch = m_client->stream(u"/api/v1/configmaps?watch=true&resourceVersion="_s + old);
        QTRY_VERIFY_WITH_TIMEOUT(watch->finished(), 10000);
        QCOMPARE(watch->types(), QStringList{u"ERROR"_s});
        const QJsonObject status = watch->events().first().value(u"object").toObject();
        QCOMPARE(status.value(u"code").toInt(), 410);
        QCOMPARE(status.value(u"reason").toString(), u"Expired"_s);
        QVERIFY(status.value(u"message").toString().startsWith(u"too old resource version: "_s + old));
    }

    void clientsGoingAwayEndTheirStreams()
    {
        auto *api = m_server->findChild<KubeApiService *>();
        QVERIFY(api);
        {
            auto watch = m_client->stream(u"/apis/kustomize.toolkit.fluxcd.io/v1/kustomizations?watch=true&allowWatchBookmarks=true"_s);
            auto logs = m_client->stream(u"/api/v1/namespaces/kube-system/pods/"_s + corednsPod() + u"/log?follow=true"_s);
            QTRY_COMPARE_WITH_TIMEOUT(api->activeStreams(), 2, 10000);
        }   // both aborted here
        QTRY_COMPARE_WITH_TIMEOUT(api->activeStreams(), 0, 10000);
        // Changes after the disconnect reach nobody and break nothing.
        QVERIFY(m_server->kubernetes().apply(KubeTest::PlainCluster, configMap(u"default"_s, u"after"_s)));
        m_server->kubernetes().appendLog(KubeTest::PlainCluster, u"kube-system"_s, corednsPod(), u"coredns"_s, u"late"_s);
        QCOMPARE(m_client->get(u"/api/v1/namespaces/default/configmaps/after"_s).status, 200);
    }

    void serverSideTables_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("columns");
        QTest::addColumn<QString>("row");
        QTest::newRow("namespaces") << u"/api/v1/namespaces/kube-system"_s << QStringList{u"Name"_s, u"Status"_s, u"Age"_s}
                                    << u"kube-system|Active|7d"_s;
        QTest::newRow("nodes") << u"/api/v1/nodes"_s
                               << QStringList{u"Name"_s, u"Status"_s, u"Roles"_s, u"Age"_s, u"Version"_s, u"Internal-IP*"_s,
                                              u"External-IP*"_s, u"OS-Image*"_s, u"Kernel-Version*"_s, u"Container-Runtime*"_s}
                               << u"*|Ready|agent|7d|v1.31.9|10.224.0.4|<none>|Azure Linux 3.0|6.6.104.2-4.azl3|containerd://2.0.0"_s;
        QTest::newRow("pods") << u"/api/v1/namespaces/kube-system/pods?labelSelector=k8s-app%3Dmetrics-server"_s
                              << QStringList{u"Name"_s, u"Ready"_s, u"Status"_s, u"Restarts"_s, u"Age"_s, u"IP*"_s, u"Node*"_s,
                                             u"Nominated Node*"_s, u"Readiness Gates*"_s}
                              << u"*|1/1|Running|0|7d|*|*|<none>|<none>"_s;
        QTest::newRow("deployments") << u"/apis/apps/v1/namespaces/kube-system/deployments/coredns"_s
                                     << QStringList{u"Name"_s, u"Ready"_s, u"Up-to-date"_s, u"Available"_s, u"Age"_s,
                                                    u"Containers*"_s, u"Images*"_s, u"Selector*"_s}
                                     << u"coredns|2/2|2|2|7d|coredns|mcr.microsoft.com/oss/v2/kubernetes/coredns:v1.11.3-8|k8s-app=kube-dns"_s;
        QTest::newRow("services") << u"/api/v1/namespaces/kube-system/services/kube-dns"_s
                                  << QStringList{u"Name"_s, u"Type"_s, u"Cluster-IP"_s, u"External-IP"_s, u"Port(s)"_s, u"Age"_s,
                                                 u"Selector*"_s}
                                  << u"kube-dns|ClusterIP|10.0.0.10|<none>|53/UDP,53/TCP|7d|k8s-app=kube-dns"_s;
        QTest::newRow("configmaps") << u"/api/v1/namespaces/default/configmaps"_s
                                    << QStringList{u"Name"_s, u"Data"_s, u"Age"_s} << u"kube-root-ca.crt|1|7d"_s;
        QTest::newRow("events") << u"/api/v1/namespaces/kube-system/events?limit=1"_s
                                << QStringList{u"Last Seen"_s, u"Type"_s, u"Reason"_s, u"Object"_s, u"Subobject*"_s, u"Source*"_s,
                                               u"Message"_s, u"First Seen*"_s, u"Count*"_s, u"Name*"_s}
                                << u"*d23h|Normal|*|*pod/coredns-*|*|*|*|*d23h|1|*"_s;
        QTest::newRow("crds") << u"/apis/apiextensions.k8s.io/v1/customresourcedefinitions/helmreleases.helm.toolkit.fluxcd.io"_s
                              << QStringList{u"Name"_s, u"Created At"_s} << u"helmreleases.helm.toolkit.fluxcd.io|*Z"_s;
        QTest::newRow("kustomizations") << u"/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations"_s
                                        << QStringList{u"Name"_s, u"Age"_s, u"Ready"_s, u"Status"_s}
                                        << u"infra|0s|True|Applied revision: main@sha1:abc"_s;
        QTest::newRow("image repositories") << u"/apis/image.toolkit.fluxcd.io/v1/imagerepositories"_s
                                            << QStringList{u"Name"_s, u"Image"_s, u"Tags"_s, u"Ready"_s, u"Status"_s,
                                                           u"Last scan*"_s, u"Age"_s}
                                            << QString();
        QTest::newRow("fluxconfigs") << u"/apis/clusterconfig.azure.com/v1beta1/fluxconfigs"_s
                                     << QStringList{u"Name"_s, u"Age"_s} << QString();
    }

    void serverSideTables()
    {
        QFETCH(QString, path);
        QFETCH(QStringList, columns);
        QFETCH(QString, row);
        auto &kube = m_server->kubernetes();
        QVERIFY(kube.apply(KubeTest::PlainCluster, KubeTest::namespaceObject(u"flux-system"_s)));
        QVERIFY(kube.apply(KubeTest::PlainCluster,
                           KubeTest::kustomization(u"flux-system"_s, u"infra"_s, true, u"Applied revision: main@sha1:abc"_s)));
        const KubeTest::Reply reply = m_client->get(path, KubeTest::TableAccept);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.headers.value("content-type"), "application/json;as=Table;v=v1;g=meta.k8s.io");
        QCOMPARE(reply.json.value(u"kind").toString(), u"Table"_s);
        QCOMPARE(reply.json.value(u"apiVersion").toString(), u"meta.k8s.io/v1"_s);
        QCOMPARE(columnNames(reply.json), columns);
        const QJsonArray rows = reply.json.value(u"rows").toArray();
        if (row.isEmpty()) {
            QVERIFY(rows.isEmpty());
            return;
        }
        QVERIFY(!rows.isEmpty());
        const QJsonObject first = rows.at(0).toObject();
        QStringList cells;
        for (const QJsonValue &cell : first.value(u"cells").toArray())
            cells.append(cell.isDouble() ? QString::number(cell.toInteger()) : cell.toString());
        const QStringList wanted = row.split(u'|');
        QCOMPARE(cells.size(), wanted.size());
        for (qsizetype i = 0; i < wanted.size(); ++i) {
            const QRegularExpression pattern(QRegularExpression::wildcardToRegularExpression(
                wanted[i], QRegularExpression::NonPathWildcardConversion));
            QVERIFY2(pattern.match(cells[i]).hasMatch(), qPrintable(cells.join(u'|')));
        }
        QCOMPARE(first.value(u"object").toObject().value(u"kind").toString(), u"PartialObjectMetadata"_s);
        QVERIFY(cells.contains(first.value(u"object").toObject().value(u"metadata").toObject().value(u"name").toString()));
    }

    void tablesCanCarryTheWholeObject()
    {
        const KubeTest::Reply reply = m_client->get(u"/api/v1/namespaces/kube-system/pods?includeObject=Object"_s, KubeTest::TableAccept);
        const QJsonObject object = reply.json.value(u"rows").toArray().at(0).toObject().value(u"object").toObject();
        QCOMPARE(object.value(u"kind").toString(), u"Pod"_s);
        QVERIFY(object.contains(u"spec"));
        const KubeTest::Reply none = m_client->get(u"/api/v1/namespaces/kube-system/pods?includeObject=None"_s, KubeTest::TableAccept);
        QVERIFY(!none.json.value(u"rows").toArray().at(0).toObject().contains(u"object"));
    }

    void podLogs()
    {
        const QString pod = u"/api/v1/namespaces/kube-system/pods/"_s + corednsPod();
        const KubeTest::Reply all = m_client->get(pod + u"/log"_s);
        QCOMPARE(all.status, 200);
        QCOMPARE(all.body.split('\n').first(), ".:53");
        QCOMPARE(all.body.count('\n'), 4);
        QCOMPARE(m_client->get(pod + u"/log?tailLines=1"_s).body, "linux/amd64, go1.22.7, a6338e9\n");
        QVERIFY(m_client->get(pod + u"/log?tailLines=1&timestamps=true"_s).body.endsWith("Z linux/amd64, go1.22.7, a6338e9\n"));
        QCOMPARE(m_client->get(pod + u"/log?sinceSeconds=60"_s).body, QByteArray());
        QCOMPARE(m_client->get(pod + u"/log?container=coredns"_s).status, 200);
        const KubeTest::Reply wrong = m_client->get(pod + u"/log?container=nginx"_s);
        QCOMPARE(wrong.status, 400);
        QCOMPARE(wrong.json.value(u"reason").toString(), u"BadRequest"_s);
        QCOMPARE(m_client->get(u"/api/v1/namespaces/kube-system/pods/nothing/log"_s).status, 404);

        // Followed: new lines stream until the pod goes.
        auto follow = m_client->stream(pod + u"/log?follow=true&tailLines=1"_s);
        QTRY_COMPARE_WITH_TIMEOUT(follow->lines().size(), 1, 10000);
        m_server->kubernetes().appendLog(KubeTest::PlainCluster, u"kube-system"_s, corednsPod(), u"coredns"_s,
                                         u"[INFO] 10.244.0.7:53212 - 4 \"A IN podinfo.default.svc.cluster.local.\""_s);
        QTRY_COMPARE_WITH_TIMEOUT(follow->lines().size(), 2, 10000);
        QVERIFY(follow->lines().last().startsWith("[INFO] 10.244.0.7"));
        QCOMPARE(m_client->send("DELETE", pod).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(follow->finished(), 10000);
    }

    void createdPodsStartAndLog()
    {
        const QJsonObject pod{
            {u"apiVersion"_s, u"v1"_s}, {u"kind"_s, u"Pod"_s},
            {u"metadata"_s, QJsonObject{{u"name"_s, u"podinfo"_s}}},
            {u"spec"_s, QJsonObject{{u"containers"_s, QJsonArray{QJsonObject{{u"name"_s, u"podinfod"_s},
                                                                            {u"image"_s, u"ghcr.io/stefanprodan/podinfo:6.7.1"_s}}}}}},
        };
        const KubeTest::Reply created = m_client->post(u"/api/v1/namespaces/default/pods"_s, pod);
        QCOMPARE(created.status, 201);
        QCOMPARE(created.json.value(u"status").toObject().value(u"phase").toString(), u"Running"_s);
        QVERIFY(!created.json.value(u"spec").toObject().value(u"nodeName").toString().isEmpty());
        const QByteArray log = m_client->get(u"/api/v1/namespaces/default/pods/podinfo/log"_s).body;
        QVERIFY2(log.startsWith("Starting podinfod (image ghcr.io/stefanprodan/podinfo:6.7.1)\n"), log.constData());
    }

    void namespaceDeletionTakesItsObjects()
    {
        QCOMPARE(m_client->post(u"/api/v1/namespaces"_s, KubeTest::namespaceObject(u"team-a"_s)).status, 201);
        QCOMPARE(m_client->post(u"/api/v1/namespaces/team-a/configmaps"_s, configMap(u"team-a"_s, u"one"_s)).status, 201);
        const KubeTest::Reply deleted = m_client->send("DELETE", u"/api/v1/namespaces/team-a"_s);
        QCOMPARE(deleted.status, 200);
        QCOMPARE(deleted.json.value(u"status").toObject().value(u"phase").toString(), u"Terminating"_s);
        QCOMPARE(m_client->get(u"/api/v1/namespaces/team-a"_s).status, 404);
        QCOMPARE(names(m_client->get(u"/api/v1/configmaps?fieldSelector=metadata.namespace%3Dteam-a"_s).json), QStringList());
    }

    void deleteCollection()
    {
        auto &kube = m_server->kubernetes();
        for (const QString &name : {u"x1"_s, u"x2"_s, u"y1"_s})
            QVERIFY(kube.apply(KubeTest::PlainCluster, configMap(u"default"_s, name, {{u"group"_s, name.left(1)}})));
        const KubeTest::Reply deleted = m_client->send("DELETE", u"/api/v1/namespaces/default/configmaps?labelSelector=group%3Dx"_s);
        QCOMPARE(deleted.status, 200);
        QCOMPARE(names(deleted.json), (QStringList{u"x1"_s, u"x2"_s}));
        QCOMPARE(m_client->get(u"/api/v1/namespaces/default/configmaps/y1"_s).status, 200);
    }

    void stateSurvivesARestart()
    {
        QCOMPARE(m_client->post(u"/api/v1/namespaces/default/configmaps"_s, configMap(u"default"_s, u"kept"_s)).status, 201);
        m_server->kubernetes().appendLog(KubeTest::PlainCluster, u"kube-system"_s, corednsPod(), u"coredns"_s, u"remembered"_s);
        const QString before = rv(m_client->get(u"/api/v1/namespaces/default/configmaps/kept"_s).json);
        const QString pod = corednsPod();
        m_client.reset();
        m_server.reset();
        QVERIFY(QFile::exists(m_state.path() + u"/kubernetes"_s));
        start();
        const KubeTest::Reply kept = m_client->get(u"/api/v1/namespaces/default/configmaps/kept"_s);
        QCOMPARE(kept.status, 200);
        QCOMPARE(rv(kept.json), before);
        QVERIFY(m_client->get(u"/api/v1/namespaces/kube-system/pods/"_s + pod + u"/log?tailLines=1"_s).body == "remembered\n");
        const KubeTest::Reply next = m_client->post(u"/api/v1/namespaces/default/configmaps"_s, configMap(u"default"_s, u"next"_s));
        QVERIFY(rv(next.json).toULongLong() > before.toULongLong());
        // Nothing from before the restart is retained for watches.
        auto watch = m_client->stream(u"/api/v1/configmaps?watch=true&resourceVersion=1"_s);
        QTRY_VERIFY_WITH_TIMEOUT(watch->finished(), 10000);
        QCOMPARE(watch->types(), QStringList{u"ERROR"_s});
    }

private:
    void start()
    {
        m_server = std::make_unique<SandboxServer>();
        SandboxServer::Options options;
        options.stateDirectory = m_state.path();
        options.kubeBookmarkInterval = std::chrono::milliseconds(300);
        const auto started = m_server->start(options);
        QVERIFY2(started, qPrintable(started ? QString() : started.error().toString()));
        m_client = std::make_unique<KubeTest::Client>(*m_server);
        QVERIFY(m_client->connectTo(KubeTest::PlainCluster));
    }

    QString corednsPod()
    {
        const auto pods = m_server->kubernetes().list(KubeTest::PlainCluster, u"v1"_s, u"Pod"_s, u"kube-system"_s,
                                                      u"k8s-app=kube-dns"_s);
        return pods && !pods->isEmpty() ? pods->first().value(u"metadata").toObject().value(u"name").toString() : QString();
    }

    QTemporaryDir m_state;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<KubeTest::Client> m_client;
};

QTEST_GUILESS_MAIN(TestKubeApiService)
#include "tst_kubeapiservice.moc"
