#include "helm/helmcharts.h"
#include "resultmessage.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Fluxdeck::Sandbox;

namespace {

QJsonObject find(const QJsonArray &objects, const QString &kind, const QString &name)
{
    for (const QJsonValue &object : objects) {
        if (object[u"kind"].toString() == kind && object[u"metadata"][u"name"].toString() == name)
            return object.toObject();
    }
    return {};
}

} // namespace

class TestHelmCharts final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void repositoriesByUrl();
    void valuesMerge();
    void podinfo();
    void ingressNginx();
    void redis();
    void unknownChartOrVersion();
};

void TestHelmCharts::repositoriesByUrl()
{
    const HelmRepositoryIndex *podinfo = findHelmRepository(u"https://stefanprodan.github.io/podinfo/"_s);
    QVERIFY(podinfo);
    QCOMPARE(podinfo->charts, QStringList{u"podinfo"_s});
    QVERIFY(podinfo->digest.startsWith(u"sha256:"));
    QCOMPARE(findHelmRepository(u"https://KUBERNETES.github.io/ingress-nginx"_s), findHelmRepository(u"https://kubernetes.github.io/ingress-nginx"_s));
    QVERIFY(findHelmRepository(u"https://charts.bitnami.com/bitnami"_s));
    QVERIFY(!findHelmRepository(u"https://charts.example.com"_s));
}

void TestHelmCharts::valuesMerge()
{
    const QJsonObject merged = mergeHelmValues(
        {{u"a"_s, QJsonObject{{u"b"_s, 1}, {u"c"_s, 2}}}, {u"list"_s, QJsonArray{1, 2}}, {u"gone"_s, true}},
        {{u"a"_s, QJsonObject{{u"c"_s, 3}}}, {u"list"_s, QJsonArray{9}}, {u"gone"_s, QJsonValue::Null}});
    QCOMPARE(merged, (QJsonObject{{u"a"_s, QJsonObject{{u"b"_s, 1}, {u"c"_s, 3}}}, {u"list"_s, QJsonArray{9}}}));
}

void TestHelmCharts::podinfo()
{
    const HelmRepositoryIndex *repository = findHelmRepository(u"https://stefanprodan.github.io/podinfo"_s);
    const auto objects = renderHelmChart(*repository, {u"podinfo"_s, u"6.7.1"_s, u"podinfo"_s, u"podinfo"_s,
                                                       {{u"replicaCount"_s, 2}, {u"cache"_s, u"tcp://redis-master.redis:6379"_s}}});
    QVERIFY2(objects, Fluxdeck::Test::failureText(objects));
    const QJsonObject deployment = find(*objects, u"Deployment"_s, u"podinfo"_s);
    QCOMPARE(deployment[u"metadata"][u"namespace"].toString(), u"podinfo"_s);
    QCOMPARE(deployment[u"spec"][u"replicas"].toInt(), 2);
    const QJsonObject container = deployment[u"spec"][u"template"][u"spec"][u"containers"][0].toObject();
    QCOMPARE(container[u"image"].toString(), u"ghcr.io/stefanprodan/podinfo:6.7.1"_s);
    QVERIFY(container[u"command"].toArray().contains(u"--cache-server=tcp://redis-master.redis:6379"_s));
    QCOMPARE(deployment[u"metadata"][u"labels"][u"helm.sh/chart"].toString(), u"podinfo-6.7.1"_s);
    QCOMPARE(find(*objects, u"Service"_s, u"podinfo"_s)[u"spec"][u"ports"][0][u"port"].toInt(), 9898);
}

void TestHelmCharts::ingressNginx()
{
    const HelmRepositoryIndex *repository = findHelmRepository(u"https://kubernetes.github.io/ingress-nginx"_s);
    const auto objects = renderHelmChart(*repository, {u"ingress-nginx"_s, u"4.11.3"_s, u"ingress-nginx"_s, u"nginx"_s,
                                                       {{u"controller"_s, QJsonObject{{u"admissionWebhooks"_s,
                                                                                       QJsonObject{{u"enabled"_s, false}}}}}}});
    QVERIFY2(objects, Fluxdeck::Test::failureText(objects));
    const QJsonObject service = find(*objects, u"Service"_s, u"ingress-nginx-controller"_s);
    QCOMPARE(service[u"spec"][u"type"].toString(), u"LoadBalancer"_s);
    QVERIFY(find(*objects, u"Service"_s, u"ingress-nginx-controller-admission"_s).isEmpty());
    QCOMPARE(find(*objects, u"Deployment"_s, u"ingress-nginx-controller"_s)[u"spec"][u"template"][u"spec"][u"containers"][0]
                 [u"image"].toString(),
             u"registry.k8s.io/ingress-nginx/controller:v1.11.3"_s);
}

void TestHelmCharts::redis()
{
    const HelmRepositoryIndex *repository = findHelmRepository(u"https://charts.bitnami.com/bitnami"_s);
    const auto replicated = renderHelmChart(*repository, {u"redis"_s, u"19.6.4"_s, u"redis"_s, u"redis"_s, {}});
    QVERIFY2(replicated, Fluxdeck::Test::failureText(replicated));
    QCOMPARE(find(*replicated, u"StatefulSet"_s, u"redis-replicas"_s)[u"spec"][u"replicas"].toInt(), 3);
    QVERIFY(!find(*replicated, u"Secret"_s, u"redis"_s).isEmpty());
    const auto standalone = renderHelmChart(*repository, {u"redis"_s, u"19.6.4"_s, u"redis"_s, u"redis"_s,
                                                          {{u"architecture"_s, u"standalone"_s},
                                                           {u"auth"_s, QJsonObject{{u"enabled"_s, false}}}}});
    QVERIFY2(standalone, Fluxdeck::Test::failureText(standalone));
    QVERIFY(find(*standalone, u"StatefulSet"_s, u"redis-replicas"_s).isEmpty());
    QVERIFY(find(*standalone, u"Secret"_s, u"redis"_s).isEmpty());
    QCOMPARE(find(*standalone, u"StatefulSet"_s, u"redis-master"_s)[u"spec"][u"serviceName"].toString(), u"redis-headless"_s);
}

void TestHelmCharts::unknownChartOrVersion()
{
    const HelmRepositoryIndex *repository = findHelmRepository(u"https://charts.bitnami.com/bitnami"_s);
    const auto chart = renderHelmChart(*repository, {u"wordpress"_s, u"1.0.0"_s, u"blog"_s, u"default"_s, {}});
    QVERIFY(!chart);
    QVERIFY(chart.error().message.contains(u"chart \"wordpress\" not found"_s));
    const auto version = renderHelmChart(*repository, {u"redis"_s, u"1.0.0"_s, u"redis"_s, u"redis"_s, {}});
    QVERIFY(!version);
    QCOMPARE(version.error().message, u"no chart version found for redis-1.0.0"_s);
}

QTEST_GUILESS_MAIN(TestHelmCharts)
#include "tst_helmcharts.moc"
