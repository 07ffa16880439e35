#include "kustomize/kustomizepatch.h"

#include "kustomize/yamljson.h"

#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Fluxdeck::Sandbox;

namespace {

QJsonValue yaml(const QByteArray &text)
{
    const auto parsed = parseYamlDocuments(text, u"test"_s);
    if (!parsed || parsed->isEmpty())
        qFatal("bad test YAML: %s", text.constData());
    return parsed->first();
}


} // namespace

class TestKustomizePatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void strategicMerge_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("patch");
        QTest::addColumn<QByteArray>("expected");

        QTest::newRow("scalar and map fields")
            << QByteArray("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, labels: {app: web}}\n"
                          "spec: {replicas: 1, paused: false}")
            << QByteArray("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, labels: {tier: front}}\n"
                          "spec: {replicas: 3}")
            << QByteArray("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, labels: {app: web, tier: front}}\n"
                          "spec: {replicas: 3, paused: false}");
        QTest::newRow("containers merge by name, new ones appended")
            << QByteArray("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n"
                          "      containers: [{name: web, image: nginx, args: [--a]}, {name: sidecar, image: busybox}]")
            << QByteArray("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n"
                          "      containers: [{name: extra, image: redis}, {name: web, image: nginx:1.27}]")
            << QByteArray("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n"
                          "      containers: [{name: web, image: nginx:1.27, args: [--a]}, {name: sidecar, image: busybox},"
                          " {name: extra, image: redis}]");
        QTest::newRow("env by name, ports by containerPort, mounts by path")
            << QByteArray("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: web\n"
                          "    env: [{name: A, value: '1'}, {name: B, value: '2'}]\n"
                          "    ports: [{containerPort: 80, name: http}]\n"
                          "    volumeMounts: [{name: data, mountPath: /data}]")
            << QByteArray("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: web\n"
                          "    env: [{name: B, value: '20'}, {name: C, value: '3'}]\n"
                          "    ports: [{containerPort: 80, protocol: TCP}, {containerPort: 443}]\n"
                          "    volumeMounts: [{name: data, mountPath: /data, readOnly: true}]")
            << QByteArray("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: web\n"
                          "    env: [{name: A, value: '1'}, {name: B, value: '20'}, {name: C, value: '3'}]\n"
                          "    ports: [{containerPort: 80, name: http, protocol: TCP}, {containerPort: 443}]\n"
                          "    volumeMounts: [{name: data, mountPath: /data, readOnly: true}]");
        QTest::newRow("cronjob pod spec is found")
            << QByteArray("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  jobTemplate:\n    spec:\n"
                          "      template:\n        spec:\n          volumes: [{name: a, emptyDir: {}}]")
            << QByteArray("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  jobTemplate:\n    spec:\n"
                          "      template:\n        spec:\n          volumes: [{name: b, emptyDir: {}}]")
            << QByteArray("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  jobTemplate:\n    spec:\n"
                          "      template:\n        spec:\n          volumes: [{name: a, emptyDir: {}}, {name: b, emptyDir: {}}]");
        QTest::newRow("lists without a merge key are replaced")
            << QByteArray("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: web, args: [--a, --b]}]\n"
                          "  tolerations: [{key: a, operator: Exists}]")
            << QByteArray("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: web, args: [--c]}]\n"
                          "  tolerations: [{key: b, operator: Exists}]")
            << QByteArray("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: web, args: [--c]}]\n"
                          "  tolerations: [{key: b, operator: Exists}]");
        QTest::newRow("null deletes, $patch: delete removes an element")
            << QByteArray("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, labels: {app: web, x: y}}\n"
                          "spec:\n  replicas: 2\n  template:\n    spec:\n      containers: [{name: web}, {name: sidecar}]\n"
                          "      volumes: [{name: data, emptyDir: {}}]")
            << QByteArray("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, labels: {app: null}}\n"
                          "spec:\n  replicas: null\n  template:\n    spec:\n      containers: [{name: sidecar, $patch: delete}]\n"
                          "      volumes: [{name: data, $patch: delete}]")
            << QByteArray("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, labels: {x: y}}\n"
                          "spec:\n  template:\n    spec:\n      containers: [{name: web}]\n      volumes: []");
        QTest::newRow("$patch: replace on a list and a map")
            << QByteArray("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a}, {name: b}]\n"
                          "  volumes: [{name: data, emptyDir: {medium: Memory}}]")
            << QByteArray("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n"
                          "  containers: [{$patch: replace}, {name: only, image: alpine}]\n"
                          "  volumes: [{name: data, $patch: replace, configMap: {name: cfg}}]")
            << QByteArray("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: only, image: alpine}]\n"
                          "  volumes: [{name: data, configMap: {name: cfg}}]");
        QTest::newRow("custom resources: every list is replaced")
            << QByteArray("apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: podinfo, namespace: apps}\n"
                          "spec:\n  values:\n    ingress: {enabled: true, hosts: [{host: a, paths: [{path: /}]}]}\n"
                          "    containers: [{name: a, image: x}]")
            << QByteArray("apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: podinfo}\n"
                          "spec:\n  chart: {spec: {version: '>=1.0.0'}}\n  values:\n    ingress: {hosts: [{host: b}]}\n"
                          "    containers: [{name: a, tag: y}]")
            << QByteArray("apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: podinfo, namespace: apps}\n"
                          "spec:\n  chart: {spec: {version: '>=1.0.0'}}\n  values:\n"
                          "    ingress: {enabled: true, hosts: [{host: b}]}\n    containers: [{name: a, tag: y}]");
        QTest::newRow("service ports merge by port")
            << QByteArray("apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 80, targetPort: 8080}, {port: 443}]")
            << QByteArray("apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 80, targetPort: 9090}]")
            << QByteArray("apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [{port: 80, targetPort: 9090}, {port: 443}]");
        QTest::newRow("finalizers are a set, $deleteFromPrimitiveList")
            << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, finalizers: [a, b]}\ndata: {k: v}")
            << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, finalizers: [b, c], $deleteFromPrimitiveList/finalizers: [a]}")
            << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, finalizers: [b, c]}\ndata: {k: v}");
        QTest::newRow("$retainKeys and $setElementOrder")
            << QByteArray("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n"
                          "spec: {strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1}}}")
            << QByteArray("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n"
                          "spec: {$setElementOrder/x: [{name: a}], strategy: {type: Recreate, $retainKeys: [type]}}")
            << QByteArray("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {strategy: {type: Recreate}}");
        QTest::newRow("a map replaces a scalar and the other way round")
            << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\na: 1\nb: {x: 1}")
            << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\na: {y: 2}\nb: 3")
            << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\na: {y: 2}\nb: 3");
        QTest::newRow("directives in new content are dropped")
            << QByteArray("apiVersion: v1\nkind: Pod\nmetadata: {name: p}")
            << QByteArray("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n"
                          "  containers: [{name: a, $patch: delete}, {name: b, env: [{name: X, $patch: delete}]}]")
            << QByteArray("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: b, env: []}]");
    }

    void strategicMerge()
    {
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, patch);
        QFETCH(QByteArray, expected);
        const auto merged = Fluxdeck::Sandbox::strategicMerge(yaml(target).toObject(), yaml(patch).toObject());
        QVERIFY(merged.has_value());
        QVERIFY(merged->has_value());
        QCOMPARE(toYaml(**merged), toYaml(yaml(expected)));
    }

    void deleteWholeObject()
    {
        const auto merged = Fluxdeck::Sandbox::strategicMerge(
            yaml("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n").toObject(),
            yaml("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n$patch: delete\n").toObject());
        QVERIFY(merged.has_value());
        QVERIFY(!merged->has_value());
    }

    void json6902_data()
    {
        QTest::addColumn<QByteArray>("operations");
        QTest::addColumn<QByteArray>("expected");
        // Applied to: metadata: {name: x}, spec: {replicas: 1}, args: [a, b]
        QTest::newRow("replace") << QByteArray("- {op: replace, path: /spec/replicas, value: 5}")
                                 << QByteArray("metadata: {name: x}\nspec: {replicas: 5}\nargs: [a, b]");
        QTest::newRow("add to a map, escaped keys")
            << QByteArray("- {op: add, path: /metadata/annotations, value: {}}\n"
                          "- {op: add, path: /metadata/annotations/example.com~1team, value: a~b}\n"
                          "- {op: add, path: /metadata/annotations/x~0y, value: z}")
            << QByteArray("metadata: {name: x, annotations: {example.com/team: a~b, x~y: z}}\nspec: {replicas: 1}\nargs: [a, b]");
        QTest::newRow("add to a list: index and end")
            << QByteArray("- {op: add, path: /args/0, value: first}\n- {op: add, path: /args/-, value: last}")
            << QByteArray("metadata: {name: x}\nspec: {replicas: 1}\nargs: [first, a, b, last]");
        QTest::newRow("remove") << QByteArray("- {op: remove, path: /args/0}\n- {op: remove, path: /spec}")
                                << QByteArray("metadata: {name: x}\nargs: [b]");
        QTest::newRow("move and copy")
            << QByteArray("- {op: copy, from: /spec/replicas, path: /copied}\n- {op: move, from: /args, path: /moved}")
            << QByteArray("metadata: {name: x}\nspec: {replicas: 1}\ncopied: 1\nmoved: [a, b]");
        QTest::newRow("test passes") << QByteArray("- {op: test, path: /spec/replicas, value: 1}\n"
                                                   "- {op: replace, path: /spec/replicas, value: 2}")
                                     << QByteArray("metadata: {name: x}\nspec: {replicas: 2}\nargs: [a, b]");
    }

    void json6902()
    {
        QFETCH(QByteArray, operations);
        QFETCH(QByteArray, expected);
        const QJsonObject target = yaml("metadata: {name: x}\nspec: {replicas: 1}\nargs: [a, b]\n").toObject();
        const auto patched = applyJson6902(target, yaml(operations).toArray());
        QVERIFY2(patched.has_value(), patched ? "" : qPrintable(patched.error().message));
        QCOMPARE(toYaml(*patched), toYaml(yaml(expected)));
    }

    void json6902Errors_data()
    {
        QTest::addColumn<QByteArray>("operations");
        QTest::addColumn<QString>("message");
        QTest::newRow("replace missing") << QByteArray("- {op: replace, path: /spec/nope, value: 1}")
                                         << u"replace operation does not apply: doc is missing path: \"/spec/nope\": missing value"_s;
        QTest::newRow("add below missing") << QByteArray("- {op: add, path: /a/b, value: 1}")
                                           << u"add operation does not apply: doc is missing path: \"/a/b\": missing value"_s;
        QTest::newRow("remove out of range") << QByteArray("- {op: remove, path: /args/5}")
                                             << u"remove operation does not apply: doc is missing path: \"/args/5\": missing value"_s;
        QTest::newRow("test fails") << QByteArray("- {op: test, path: /spec/replicas, value: 2}")
                                    << u"testing value /spec/replicas failed: test failed"_s;
        QTest::newRow("unknown op") << QByteArray("- {op: frobnicate, path: /a}") << u"Unexpected kind: frobnicate"_s;
        QTest::newRow("relative path") << QByteArray("- {op: add, path: spec, value: 1}")
                                       << u"invalid JSON patch operation: add needs a path starting with \"/\""_s;
    }

    void json6902Errors()
    {
        QFETCH(QByteArray, operations);
        QFETCH(QString, message);
        const QJsonObject target = yaml("metadata: {name: x}\nspec: {replicas: 1}\nargs: [a, b]\n").toObject();
        const auto patched = applyJson6902(target, yaml(operations).toArray());
        QVERIFY(!patched.has_value());
        QCOMPARE(patched.error().message, message);
    }

};

QTEST_GUILESS_MAIN(TestKustomizePatch)
#include "tst_kustomizepatch.moc"
