#include "helmcharts.h"

#include <QCryptographicHash>
#include <QStringBuilder>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

struct Chart
{
    QString name;
    QList<HelmChartVersion> versions;   // newest first
};

struct Repository
{
    HelmRepositoryIndex index;
    QList<Chart> charts;
};

QString indexDigest(const QString &url, const QList<Chart> &charts)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(url.toUtf8());
    for (const Chart &chart : charts) {
        for (const HelmChartVersion &version : chart.versions)
            hash.addData(QString(chart.name % u'@' % version.version).toUtf8());
    }
    return u"sha256:"_s + QString::fromLatin1(hash.result().toHex());
}

const QList<Repository> &repositories()
{
    static const QList<Repository> all = [] {
        QList<Repository> list;
        const auto add = [&list](const QString &url, const QList<Chart> &charts) {
            Repository repository;
            repository.index.url = url;
            repository.index.digest = indexDigest(url, charts);
            for (const Chart &chart : charts)
                repository.index.charts.append(chart.name);
            repository.charts = charts;
            list.append(repository);
        };
        add(u"https://kubernetes.github.io/ingress-nginx"_s,
            {{u"ingress-nginx"_s,
              {{u"4.11.3"_s, u"1.11.3"_s}, {u"4.11.2"_s, u"1.11.2"_s}, {u"4.10.5"_s, u"1.10.5"_s},
               {u"4.10.1"_s, u"1.10.1"_s}}}});
        add(u"https://stefanprodan.github.io/podinfo"_s,
            {{u"podinfo"_s,
              {{u"6.7.1"_s, u"6.7.1"_s}, {u"6.7.0"_s, u"6.7.0"_s}, {u"6.6.3"_s, u"6.6.3"_s}, {u"6.5.4"_s, u"6.5.4"_s},
               {u"5.2.1"_s, u"5.2.1"_s}}}});
        add(u"https://charts.bitnami.com/bitnami"_s,
            {{u"redis"_s,
              {{u"20.1.4"_s, u"7.4.0"_s}, {u"19.6.4"_s, u"7.2.5"_s}, {u"19.5.5"_s, u"7.2.5"_s},
               {u"18.19.4"_s, u"7.2.4"_s}}}});
        return list;
    }();
    return all;
}

const Repository *repositoryFor(const QString &url)
{
    QUrl parsed(url.trimmed());
    parsed.setHost(parsed.host().toLower());
    QString normal = parsed.toString(QUrl::StripTrailingSlash);
    while (normal.endsWith(u'/'))
        normal.chop(1);
    for (const Repository &repository : repositories()) {
        if (repository.index.url == normal)
            return &repository;
    }
    return nullptr;
}

// --- reading values ---------------------------------------------------------------------------

QJsonValue at(const QJsonObject &values, const QString &path)
{
    QJsonValue value = values;
    for (const QString &key : path.split(u'.'))
        value = value.toObject().value(key);
    return value;
}

QString text(const QJsonObject &values, const QString &path, const QString &fallback = {})
{
    const QJsonValue value = at(values, path);
    if (value.isDouble())
        return QString::number(value.toDouble());
    return value.isString() ? value.toString() : fallback;
}

bool on(const QJsonObject &values, const QString &path)
{
    const QJsonValue value = at(values, path);
    return value.isBool() ? value.toBool() : value.toString() == u"true";
}

int number(const QJsonObject &values, const QString &path, int fallback)
{
    const QJsonValue value = at(values, path);
    if (value.isDouble())
        return value.toInt(fallback);
    bool ok = false;
    const int parsed = value.toString().toInt(&ok);
    return ok ? parsed : fallback;
}

// --- building manifests -------------------------------------------------------------------------

struct Context
{
    QString chart;
    QString version;
    QString appVersion;
    QString release;
    QString namespaceName;
    QJsonObject values;

    // Helm's "fullname": the release name, with the chart's appended unless it holds it already.
    QString fullname() const
    {
        QString name = text(values, u"fullnameOverride"_s);
        if (name.isEmpty())
            name = release.contains(chart) ? release : release % u'-' % chart;
        return name.left(63);
    }

    QJsonObject selectorLabels(const QString &component = {}) const
    {
        QJsonObject labels{{u"app.kubernetes.io/name"_s, chart}, {u"app.kubernetes.io/instance"_s, release}};
        if (!component.isEmpty())
            labels.insert(u"app.kubernetes.io/component"_s, component);
        return labels;
    }

    QJsonObject labels(const QString &component = {}) const
    {
        QJsonObject all = selectorLabels(component);
        all.insert(u"helm.sh/chart"_s, QString(chart % u'-' % version));
        all.insert(u"app.kubernetes.io/version"_s, appVersion);
        all.insert(u"app.kubernetes.io/managed-by"_s, u"Helm"_s);
        return all;
    }

    QJsonObject metadata(const QString &name, const QString &component = {}) const
    {
        return {{u"name"_s, name}, {u"namespace"_s, namespaceName}, {u"labels"_s, labels(component)}};
    }

    QJsonObject object(const QString &apiVersion, const QString &kind, const QString &name,
                       const QString &component = {}) const
    {
        return {{u"apiVersion"_s, apiVersion}, {u"kind"_s, kind}, {u"metadata"_s, metadata(name, component)}};
    }
};

QJsonObject port(const QString &name, int number, const QString &protocol = u"TCP"_s)
{
    return {{u"name"_s, name}, {u"containerPort"_s, number}, {u"protocol"_s, protocol}};
}

QJsonObject servicePort(const QString &name, int number, const QString &target)
{
    return {{u"name"_s, name}, {u"port"_s, number}, {u"protocol"_s, u"TCP"_s}, {u"targetPort"_s, target}};
}

QJsonObject service(const Context &c, const QString &name, const QString &type, const QJsonArray &ports,
                    const QJsonObject &selector, const QString &component = {}, bool headless = false)
{
    QJsonObject spec{{u"type"_s, type}, {u"ports"_s, ports}, {u"selector"_s, selector},
                     {u"sessionAffinity"_s, u"None"_s}};
    if (headless)
        spec.insert(u"clusterIP"_s, u"None"_s);
    QJsonObject object = c.object(u"v1"_s, u"Service"_s, name, component);
    object.insert(u"spec"_s, spec);
    return object;
}

QJsonObject podTemplate(const QJsonObject &labels, const QJsonObject &spec, const QJsonObject &annotations = {})
{
    QJsonObject metadata{{u"labels"_s, labels}};
    if (!annotations.isEmpty())
        metadata.insert(u"annotations"_s, annotations);
    return {{u"metadata"_s, metadata}, {u"spec"_s, spec}};
}

QJsonObject workload(const Context &c, const QString &kind, const QString &name, int replicas,
                     const QJsonObject &selector, const QJsonObject &podSpec, const QString &component = {},
                     const QJsonObject &extraSpec = {})
{
    QJsonObject spec{{u"replicas"_s, replicas},
                     {u"selector"_s, QJsonObject{{u"matchLabels"_s, selector}}},
                     {u"template"_s, podTemplate(c.labels(component), podSpec)}};
    for (auto it = extraSpec.begin(); it != extraSpec.end(); ++it)
        spec.insert(it.key(), it.value());
    QJsonObject object = c.object(u"apps/v1"_s, kind, name, component);
    object.insert(u"spec"_s, spec);
    return object;
}

QJsonObject httpProbe(const QString &path, const QString &portName)
{
    return {{u"httpGet"_s, QJsonObject{{u"path"_s, path}, {u"port"_s, portName}}},
            {u"initialDelaySeconds"_s, 1}, {u"periodSeconds"_s, 10}};
}

// --- the charts -----------------------------------------------------------------------------------

QJsonArray renderPodinfo(const Context &c)
{
    const QJsonObject &v = c.values;
    const QString name = c.fullname();
    const QJsonObject selector{{u"app.kubernetes.io/name"_s, name}};
    QStringList args{u"./podinfo"_s,
                     u"--port=%1"_s.arg(number(v, u"service.httpPort"_s, 9898)),
                     u"--port-metrics=%1"_s.arg(number(v, u"service.metricsPort"_s, 9797)),
                     u"--grpc-port=%1"_s.arg(number(v, u"service.grpcPort"_s, 9999)),
                     u"--grpc-service-name=%1"_s.arg(text(v, u"service.grpcService"_s, u"podinfo"_s)),
                     u"--level=%1"_s.arg(text(v, u"logLevel"_s, u"info"_s)),
                     u"--random-delay=false"_s,
                     u"--random-error=false"_s};
    if (const QString cache = text(v, u"cache"_s); !cache.isEmpty())
        args.append(u"--cache-server="_s + cache);
    QJsonArray env{QJsonObject{{u"name"_s, u"PODINFO_UI_COLOR"_s}, {u"value"_s, text(v, u"ui.color"_s, u"#34577c"_s)}}};
    if (const QString message = text(v, u"ui.message"_s); !message.isEmpty())
        env.append(QJsonObject{{u"name"_s, u"PODINFO_UI_MESSAGE"_s}, {u"value"_s, message}});
    const QJsonObject container{
        {u"name"_s, u"podinfo"_s},
        {u"image"_s, QString(text(v, u"image.repository"_s) % u':' % text(v, u"image.tag"_s, c.appVersion))},
        {u"imagePullPolicy"_s, text(v, u"image.pullPolicy"_s, u"IfNotPresent"_s)},
        {u"command"_s, QJsonArray::fromStringList(args)},
        {u"env"_s, env},
        {u"ports"_s, QJsonArray{port(u"http"_s, number(v, u"service.httpPort"_s, 9898)),
                                port(u"http-metrics"_s, number(v, u"service.metricsPort"_s, 9797)),
                                port(u"grpc"_s, number(v, u"service.grpcPort"_s, 9999))}},
        {u"livenessProbe"_s, httpProbe(u"/healthz"_s, u"http"_s)},
        {u"readinessProbe"_s, httpProbe(u"/readyz"_s, u"http"_s)},
        {u"resources"_s, at(v, u"resources"_s).toObject()},
    };
    QJsonObject labels = c.labels();
    labels.insert(u"app.kubernetes.io/name"_s, name);
    QJsonObject deployment = workload(c, u"Deployment"_s, name, number(v, u"replicaCount"_s, 1), selector,
                                      QJsonObject{{u"terminationGracePeriodSeconds"_s, 30},
                                                  {u"containers"_s, QJsonArray{container}}});
    QJsonObject spec = deployment.value(u"spec").toObject();
    spec.insert(u"template"_s, podTemplate(selector, spec.value(u"template").toObject().value(u"spec").toObject(),
                                           {{u"prometheus.io/scrape"_s, u"true"_s},
                                            {u"prometheus.io/port"_s, QString::number(number(v, u"service.httpPort"_s, 9898))}}));
    deployment.insert(u"spec"_s, spec);
    QJsonObject metadata = deployment.value(u"metadata").toObject();
    metadata.insert(u"labels"_s, labels);
    deployment.insert(u"metadata"_s, metadata);
    QJsonObject svc = service(c, name, text(v, u"service.type"_s, u"ClusterIP"_s),
                              {servicePort(u"http"_s, number(v, u"service.externalPort"_s, 9898), u"http"_s),
                               servicePort(u"grpc"_s, number(v, u"service.grpcPort"_s, 9999), u"grpc"_s)},
                              selector);
    svc.insert(u"metadata"_s, metadata);
    return {svc, deployment};
}

QJsonArray renderIngressNginx(const Context &c)
{
    const QJsonObject &v = c.values;
    const QString name = c.fullname();
    const QString controller = name % u"-controller"_s;
    const QJsonObject selector = c.selectorLabels(u"controller"_s);
    QJsonArray objects;
    QJsonObject account = c.object(u"v1"_s, u"ServiceAccount"_s, name, u"controller"_s);
    account.insert(u"automountServiceAccountToken"_s, true);
    objects.append(account);
    QJsonObject config = c.object(u"v1"_s, u"ConfigMap"_s, controller, u"controller"_s);
    config.insert(u"data"_s, QJsonObject{{u"allow-snippet-annotations"_s, u"false"_s}});
    objects.append(config);
    objects.append(service(c, controller, text(v, u"controller.service.type"_s, u"LoadBalancer"_s),
                           {servicePort(u"http"_s, 80, u"http"_s), servicePort(u"https"_s, 443, u"https"_s)}, selector,
                           u"controller"_s));
    const bool webhooks = on(v, u"controller.admissionWebhooks.enabled"_s);
    if (webhooks)
        objects.append(service(c, controller % u"-admission"_s, u"ClusterIP"_s,
                               {servicePort(u"https-webhook"_s, 443, u"webhook"_s)}, selector, u"controller"_s));
    QStringList args{u"/nginx-ingress-controller"_s,
                     u"--publish-service=$(POD_NAMESPACE)/"_s + controller,
                     u"--election-id="_s + controller + u"-leader"_s,
                     u"--controller-class=k8s.io/ingress-nginx"_s,
                     u"--ingress-class=nginx"_s,
                     u"--configmap=$(POD_NAMESPACE)/"_s + controller};
    if (webhooks)
        args << u"--validating-webhook=:8443"_s;
    QJsonArray ports{port(u"http"_s, 80), port(u"https"_s, 443)};
    if (webhooks)
        ports.append(port(u"webhook"_s, 8443));
    const QString image = text(v, u"controller.image.registry"_s, u"registry.k8s.io"_s) % u'/'
                          % text(v, u"controller.image.image"_s, u"ingress-nginx/controller"_s) % u":v"_s
                          % text(v, u"controller.image.tag"_s, c.appVersion);
    const QJsonObject container{
        {u"name"_s, u"controller"_s},
        {u"image"_s, image},
        {u"imagePullPolicy"_s, u"IfNotPresent"_s},
        {u"args"_s, QJsonArray::fromStringList(args)},
        {u"env"_s, QJsonArray{QJsonObject{{u"name"_s, u"POD_NAME"_s},
                                          {u"valueFrom"_s, QJsonObject{{u"fieldRef"_s, QJsonObject{{u"fieldPath"_s, u"metadata.name"_s}}}}}},
                              QJsonObject{{u"name"_s, u"POD_NAMESPACE"_s},
                                          {u"valueFrom"_s, QJsonObject{{u"fieldRef"_s, QJsonObject{{u"fieldPath"_s, u"metadata.namespace"_s}}}}}}}},
        {u"ports"_s, ports},
        {u"livenessProbe"_s, httpProbe(u"/healthz"_s, u"10254"_s)},
        {u"readinessProbe"_s, httpProbe(u"/healthz"_s, u"10254"_s)},
        {u"resources"_s, at(v, u"controller.resources"_s).toObject()},
    };
    objects.append(workload(c, u"Deployment"_s, controller, number(v, u"controller.replicaCount"_s, 1), selector,
                            QJsonObject{{u"serviceAccountName"_s, name},
                                        {u"terminationGracePeriodSeconds"_s, 300},
                                        {u"nodeSelector"_s, QJsonObject{{u"kubernetes.io/os"_s, u"linux"_s}}},
                                        {u"containers"_s, QJsonArray{container}}},
                            u"controller"_s));
    return objects;
}

QJsonArray renderRedis(const Context &c)
{
    const QJsonObject &v = c.values;
    const QString name = c.fullname();
    const bool replication = text(v, u"architecture"_s, u"replication"_s) == u"replication";
    const bool auth = on(v, u"auth.enabled"_s);
    QJsonArray objects;
    objects.append(c.object(u"v1"_s, u"ServiceAccount"_s, name));
    if (auth) {
        // Helm's randAlphaNum, made repeatable: derived from the release, not a secret anyone chose.
        const QByteArray password = QCryptographicHash::hash(QString(c.namespaceName % u'/' % c.release).toUtf8(),
                                                             QCryptographicHash::Sha256)
                                        .toBase64()
                                        .left(10);
        QJsonObject secret = c.object(u"v1"_s, u"Secret"_s, name);
        secret.insert(u"type"_s, u"Opaque"_s);
        secret.insert(u"data"_s, QJsonObject{{u"redis-password"_s, QString::fromLatin1(password.toBase64())}});
        objects.append(secret);
    }
    for (const QString &config : {u"configuration"_s, u"health"_s, u"scripts"_s}) {
        QJsonObject map = c.object(u"v1"_s, u"ConfigMap"_s, name % u'-' % config);
        const QString file = config == u"configuration" ? u"redis.conf"_s : QString(config % u".sh"_s);
        map.insert(u"data"_s, QJsonObject{{file, QString(u"# Generated by the "_s % c.chart % u" chart "_s % c.version)}});
        objects.append(map);
    }
    const QJsonArray redisPort{servicePort(u"tcp-redis"_s, 6379, u"redis"_s)};
    objects.append(service(c, name % u"-headless"_s, u"ClusterIP"_s, redisPort, c.selectorLabels(), {}, true));
    objects.append(service(c, name % u"-master"_s, text(v, u"master.service.type"_s, u"ClusterIP"_s), redisPort,
                           c.selectorLabels(u"master"_s), u"master"_s));
    if (replication)
        objects.append(service(c, name % u"-replicas"_s, u"ClusterIP"_s, redisPort, c.selectorLabels(u"replica"_s),
                               u"replica"_s));

    const QString image = text(v, u"image.registry"_s, u"docker.io"_s) % u'/'
                          % text(v, u"image.repository"_s, u"bitnami/redis"_s) % u':'
                          % text(v, u"image.tag"_s, c.appVersion % u"-debian-12-r0"_s);
    const auto redisSet = [&](const QString &role, const QString &component, int replicas) {
        QJsonArray env{QJsonObject{{u"name"_s, u"REDIS_REPLICATION_MODE"_s}, {u"value"_s, role}},
                       QJsonObject{{u"name"_s, u"ALLOW_EMPTY_PASSWORD"_s}, {u"value"_s, auth ? u"no"_s : u"yes"_s}}};
        if (auth)
            env.append(QJsonObject{{u"name"_s, u"REDIS_PASSWORD_FILE"_s},
                                   {u"value"_s, u"/opt/bitnami/redis/secrets/redis-password"_s}});
        const QJsonObject container{
            {u"name"_s, u"redis"_s},
            {u"image"_s, image},
            {u"imagePullPolicy"_s, u"IfNotPresent"_s},
            {u"command"_s, QJsonArray{u"/bin/bash"_s}},
            {u"args"_s, QJsonArray{u"-c"_s, QString(u"/opt/bitnami/scripts/start-scripts/start-"_s % role % u".sh"_s)}},
            {u"env"_s, env},
            {u"ports"_s, QJsonArray{port(u"redis"_s, 6379)}},
            {u"resources"_s, at(v, component % u".resources"_s).toObject()},
        };
        QJsonObject extra{{u"serviceName"_s, QString(name % u"-headless"_s)},
                          {u"updateStrategy"_s, QJsonObject{{u"type"_s, u"RollingUpdate"_s}}}};
        if (on(v, component % u".persistence.enabled"_s)) {
            extra.insert(u"volumeClaimTemplates"_s,
                         QJsonArray{QJsonObject{
                             {u"metadata"_s, QJsonObject{{u"name"_s, u"redis-data"_s}}},
                             {u"spec"_s, QJsonObject{{u"accessModes"_s, QJsonArray{u"ReadWriteOnce"_s}},
                                                     {u"resources"_s, QJsonObject{{u"requests"_s, QJsonObject{
                                                         {u"storage"_s, text(v, component % u".persistence.size"_s, u"8Gi"_s)}}}}}}}}});
        }
        return workload(c, u"StatefulSet"_s, name % u'-' % (component == u"master" ? u"master"_s : u"replicas"_s),
                        replicas, c.selectorLabels(component),
                        QJsonObject{{u"serviceAccountName"_s, name}, {u"containers"_s, QJsonArray{container}}},
                        component, extra);
    };
    objects.append(redisSet(u"master"_s, u"master"_s, 1));
    if (replication)
        objects.append(redisSet(u"slave"_s, u"replica"_s, number(v, u"replica.replicaCount"_s, 3)));
    return objects;
}

} // namespace

QList<HelmChartVersion> HelmRepositoryIndex::versions(const QString &chart) const
{
    if (const Repository *repository = repositoryFor(url)) {
        for (const Chart &each : repository->charts) {
            if (each.name == chart)
                return each.versions;
        }
    }
    return {};
}

const HelmRepositoryIndex *findHelmRepository(const QString &url)
{
    const Repository *repository = repositoryFor(url);
    return repository ? &repository->index : nullptr;
}

QJsonObject mergeHelmValues(const QJsonObject &defaults, const QJsonObject &overrides)
{
    QJsonObject result = defaults;
    for (auto it = overrides.begin(); it != overrides.end(); ++it) {
        if (it.value().isNull())
            result.remove(it.key());
        else if (it.value().isObject() && result.value(it.key()).isObject())
            result.insert(it.key(), mergeHelmValues(result.value(it.key()).toObject(), it.value().toObject()));
        else
            result.insert(it.key(), it.value());
    }
    return result;
}

QJsonObject helmChartDefaults(const QString &chart, const QString &appVersion)
{
    if (chart == u"podinfo") {
        return {{u"replicaCount"_s, 1},
                {u"logLevel"_s, u"info"_s},
                {u"cache"_s, u""_s},
                {u"ui"_s, QJsonObject{{u"color"_s, u"#34577c"_s}, {u"message"_s, u""_s}}},
                {u"image"_s, QJsonObject{{u"repository"_s, u"ghcr.io/stefanprodan/podinfo"_s}, {u"tag"_s, appVersion},
                                         {u"pullPolicy"_s, u"IfNotPresent"_s}}},
                {u"service"_s, QJsonObject{{u"type"_s, u"ClusterIP"_s}, {u"httpPort"_s, 9898}, {u"externalPort"_s, 9898},
                                           {u"metricsPort"_s, 9797}, {u"grpcPort"_s, 9999},
                                           {u"grpcService"_s, u"podinfo"_s}}},
                {u"ingress"_s, QJsonObject{{u"enabled"_s, false}, {u"className"_s, u""_s}}},
                {u"resources"_s, QJsonObject{{u"requests"_s, QJsonObject{{u"cpu"_s, u"1m"_s}, {u"memory"_s, u"16Mi"_s}}}}}};
    }
    if (chart == u"ingress-nginx") {
        return {{u"controller"_s,
                 QJsonObject{{u"replicaCount"_s, 1},
                             {u"image"_s, QJsonObject{{u"registry"_s, u"registry.k8s.io"_s},
                                                      {u"image"_s, u"ingress-nginx/controller"_s}, {u"tag"_s, appVersion}}},
                             {u"service"_s, QJsonObject{{u"type"_s, u"LoadBalancer"_s}}},
                             {u"admissionWebhooks"_s, QJsonObject{{u"enabled"_s, true}}},
                             {u"ingressClassResource"_s, QJsonObject{{u"name"_s, u"nginx"_s}, {u"default"_s, false}}},
                             {u"resources"_s, QJsonObject{{u"requests"_s, QJsonObject{{u"cpu"_s, u"100m"_s},
                                                                                     {u"memory"_s, u"90Mi"_s}}}}}}}};
    }
    if (chart == u"redis") {
        const QJsonObject persistence{{u"enabled"_s, true}, {u"size"_s, u"8Gi"_s}};
        return {{u"architecture"_s, u"replication"_s},
                {u"auth"_s, QJsonObject{{u"enabled"_s, true}}},
                {u"image"_s, QJsonObject{{u"registry"_s, u"docker.io"_s}, {u"repository"_s, u"bitnami/redis"_s},
                                         {u"tag"_s, QString(appVersion % u"-debian-12-r0"_s)}}},
                {u"master"_s, QJsonObject{{u"persistence"_s, persistence},
                                          {u"service"_s, QJsonObject{{u"type"_s, u"ClusterIP"_s}}}}},
                {u"replica"_s, QJsonObject{{u"replicaCount"_s, 3}, {u"persistence"_s, persistence}}}};
    }
    return {};
}

Domain::Result<QJsonArray> renderHelmChart(const HelmRepositoryIndex &repository, const HelmRender &release)
{
    const QList<HelmChartVersion> versions = repository.versions(release.chart);
    if (versions.isEmpty())
        return Domain::failure(u"no chart name found: chart \"%1\" not found in %2 index"_s.arg(release.chart, repository.url));
    const auto version = std::ranges::find_if(versions, [&](const HelmChartVersion &each) {
        return each.version == release.version;
    });
    if (version == versions.end())
        return Domain::failure(u"no chart version found for %1-%2"_s.arg(release.chart, release.version));
    Context c{release.chart, release.version, version->appVersion, release.releaseName, release.namespaceName,
              mergeHelmValues(helmChartDefaults(release.chart, version->appVersion), release.values)};
    if (release.chart == u"podinfo")
        return renderPodinfo(c);
    if (release.chart == u"ingress-nginx")
        return renderIngressNginx(c);
    return renderRedis(c);
}

} // namespace Fluxdeck::Sandbox
