#include "kustomize/kustomizebuild.h"

#include "kustomize/yamljson.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Fluxdeck::Sandbox;

using Files = QMap<QString, QByteArray>;
using Variables = QMap<QString, QString>;

namespace {

// A repository written inline: "=== path" starts a file, the lines after it are its content.
Files files(const QByteArray &spec)
{
    Files out;
    QString current;
    QByteArray content;
    for (const QByteArray &line : spec.split('\n')) {
        if (line.startsWith("=== ")) {
            if (!current.isEmpty())
                out.insert(current, content);
            current = QString::fromUtf8(line.mid(4)).trimmed();
            content.clear();
        } else if (!current.isEmpty()) {
            content += line + '\n';
        }
    }
    if (!current.isEmpty())
        out.insert(current, content);
    return out;
}

// Expected objects as YAML documents, printed the way results are so failures show a diff.
QByteArray normalized(const QByteArray &yaml)
{
    const auto parsed = parseYamlDocuments(yaml, u"expected"_s);
    if (!parsed)
        qFatal("bad expected YAML: %s", qPrintable(parsed.error().message));
    return toYamlDocuments(*parsed);
}

const QString TutorialPath = QStringLiteral(FLUXDECK_KUSTOMIZE_SAMPLES "/gitops-flux2-kustomize-helm-mt");
const QString GoldenPath = QStringLiteral(FLUXDECK_KUSTOMIZE_TESTDATA);

// The tutorial repository as source-controller hands it over: its .sourceignore keeps only
// apps/, clusters/ and infrastructure/.
Files tutorialFiles()
{
    Files out;
    QDirIterator it(TutorialPath, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = QDir(TutorialPath).relativeFilePath(it.next());
        if (!path.startsWith(u"apps/") && !path.startsWith(u"clusters/") && !path.startsWith(u"infrastructure/"))
            continue;
        QFile file(it.filePath());
        if (file.open(QIODevice::ReadOnly))
            out.insert(path, file.readAll());
    }
    return out;
}

} // namespace

class TestKustomizeBuild : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void build_data();
    void build();
    void errors_data();
    void errors();
    void tutorial_data();
    void tutorial();
    void tutorialRootHasDuplicates();
    void quotedStringsAreReported();
    void substitute_data();
    void substitute();
    void substituteErrors_data();
    void substituteErrors();
    void hundredsOfObjectsAreFast();
};

void TestKustomizeBuild::build_data()
{
    QTest::addColumn<QByteArray>("repository");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("namespace, prefix, suffix, labels, annotations") << QByteArray(R"(
=== app/kustomization.yaml
namespace: shop
namePrefix: prod-
nameSuffix: -v1
commonLabels:
  app: shop
commonAnnotations:
  team: web
resources:
- namespace.yaml
- deployment.yaml
- service.yaml
- binding.yaml
=== app/namespace.yaml
apiVersion: v1
kind: Namespace
metadata:
  name: renamed-to-the-kustomization-namespace
=== app/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {run: web}
  template:
    metadata:
      labels: {run: web}
    spec:
      containers:
      - {name: web, image: nginx}
=== app/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: other
spec:
  selector: {run: web}
  ports: [{port: 80}]
=== app/binding.yaml
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: read}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: ServiceAccount, name: default, namespace: default}
- {kind: ServiceAccount, name: web, namespace: default}
)") << u"./app"_s << QByteArray(R"(
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {app: shop}, annotations: {team: web}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: prod-web-v1, namespace: shop, labels: {app: shop}, annotations: {team: web}}
spec:
  selector:
    matchLabels: {app: shop, run: web}
  template:
    metadata:
      labels: {app: shop, run: web}
      annotations: {team: web}
    spec:
      containers:
      - {name: web, image: nginx}
---
apiVersion: v1
kind: Service
metadata: {name: prod-web-v1, namespace: shop, labels: {app: shop}, annotations: {team: web}}
spec:
  selector: {app: shop, run: web}
  ports: [{port: 80}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: prod-read-v1, labels: {app: shop}, annotations: {team: web}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: ServiceAccount, name: default, namespace: shop}
- {kind: ServiceAccount, name: web, namespace: default}
)");

    QTest::newRow("overlay with path, inline JSON 6902 and selected strategic-merge patches") << QByteArray(R"(
=== base/kustomization.yaml
resources: [deployment.yaml]
=== base/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 1
  template:
    spec:
      containers:
      - {name: web, image: "nginx:1.25", env: [{name: MODE, value: dev}]}
=== overlay/kustomization.yaml
resources: [../base, configmap.yaml]
patches:
- path: scale.yaml
- target: {kind: Deployment, name: "w.*"}
  patch: |-
    - op: add
      path: /spec/template/spec/containers/0/args
      value: [--verbose]
- target: {labelSelector: "app=web"}
  patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: ignored}
    spec:
      template:
        spec:
          containers:
          - {name: web, env: [{name: MODE, value: prod}]}
=== overlay/scale.yaml
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec: {replicas: 3}
=== overlay/configmap.yaml
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {a: "1"}
)") << u"overlay"_s << QByteArray(R"(
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 3
  template:
    spec:
      containers:
      - {name: web, image: "nginx:1.25", env: [{name: MODE, value: prod}], args: [--verbose]}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {a: "1"}
)");

    QTest::newRow("patchesStrategicMerge: a file and an inline delete") << QByteArray(R"(
=== app/kustomization.yaml
resources: [all.yaml]
patchesStrategicMerge:
- patch.yaml
- |-
  apiVersion: v1
  kind: ConfigMap
  metadata: {name: b}
  $patch: delete
=== app/all.yaml
apiVersion: v1
kind: ConfigMap
metadata: {name: a}
data: {x: "1"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: b}
data: {y: "2"}
=== app/patch.yaml
apiVersion: v1
kind: ConfigMap
metadata: {name: a}
data: {z: "3"}
)") << u"app"_s << QByteArray(R"(
apiVersion: v1
kind: ConfigMap
metadata: {name: a}
data: {x: "1", z: "3"}
)");

    QTest::newRow("images") << QByteArray(R"(
=== app/kustomization.yaml
resources: [workloads.yaml]
images:
- {name: nginx, newTag: "1.27"}
- {name: example.com/team/api, newName: "registry.local:5000/api", digest: "sha256:abc"}
- {name: busybox, newName: alpine}
=== app/workloads.yaml
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      initContainers: [{name: init, image: "busybox:1.36"}]
      containers:
      - {name: web, image: nginx}
      - {name: api, image: "example.com/team/api:v2"}
      - {name: other, image: "nginx-exporter:1"}
---
apiVersion: example.com/v1
kind: Workflow
metadata: {name: flow}
spec:
  steps:
  - containers: [{name: s, image: "nginx@sha256:old"}]
)") << u"app"_s << QByteArray(R"(
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      initContainers: [{name: init, image: "alpine:1.36"}]
      containers:
      - {name: web, image: "nginx:1.27"}
      - {name: api, image: "registry.local:5000/api@sha256:abc"}
      - {name: other, image: "nginx-exporter:1"}
---
apiVersion: example.com/v1
kind: Workflow
metadata: {name: flow}
spec:
  steps:
  - containers: [{name: s, image: "nginx:1.27"}]
)");

    QTest::newRow("replicas find renamed objects") << QByteArray(R"(
=== app/kustomization.yaml
namePrefix: p-
resources: [d.yaml]
replicas:
- {name: web, count: 4}
=== app/d.yaml
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec: {template: {spec: {containers: [{name: w, image: x}]}}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec: {replicas: 1}
)") << u"app"_s << QByteArray(R"(
apiVersion: apps/v1
kind: Deployment
metadata: {name: p-web}
spec: {replicas: 4, template: {spec: {containers: [{name: w, image: x}]}}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: p-db}
spec: {replicas: 1}
)");

    // The suffixes are kustomize's: computed by an independent implementation of its hash.
    QTest::newRow("generators, hashes and references") << QByteArray(R"(
=== app/kustomization.yaml
namePrefix: shop-
resources: [deployment.yaml]
configMapGenerator:
- name: settings
  literals: [MODE=prod, "GREETING='hello world'"]
  files: [config/app.properties, custom.txt=config/notes.txt]
  envs: [config/app.env]
- name: plain
  literals: [A=1]
  options: {disableNameSuffixHash: true, labels: {kind: plain}}
secretGenerator:
- name: creds
  literals: [password=s3cr3t]
generatorOptions:
  labels: {generated: "true"}
=== app/config/app.properties
color=blue
=== app/config/notes.txt
first line
second line
=== app/config/app.env
# comment
LEVEL=debug
  SPACED=value with spaces
=== app/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
      - name: web
        image: nginx
        envFrom: [{configMapRef: {name: settings}}, {secretRef: {name: creds}}]
        env: [{name: P, valueFrom: {secretKeyRef: {name: creds, key: password}}}]
      volumes:
      - {name: cfg, configMap: {name: settings}}
      - {name: plain, configMap: {name: plain}}
      - {name: other, configMap: {name: not-generated}}
)") << u"app"_s << QByteArray(R"(
apiVersion: apps/v1
kind: Deployment
metadata: {name: shop-web}
spec:
  template:
    spec:
      containers:
      - name: web
        image: nginx
        envFrom: [{configMapRef: {name: shop-settings-422b4597hh}}, {secretRef: {name: shop-creds-b54m4mmm45}}]
        env: [{name: P, valueFrom: {secretKeyRef: {name: shop-creds-b54m4mmm45, key: password}}}]
      volumes:
      - {name: cfg, configMap: {name: shop-settings-422b4597hh}}
      - {name: plain, configMap: {name: shop-plain}}
      - {name: other, configMap: {name: not-generated}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: shop-settings-422b4597hh, labels: {generated: "true"}}
data:
  LEVEL: debug
  SPACED: value with spaces
  MODE: prod
  GREETING: hello world
  app.properties: "color=blue\n"
  custom.txt: "first line\nsecond line\n"
---
apiVersion: v1
kind: ConfigMap
metadata: {name: shop-plain, labels: {generated: "true", kind: plain}}
data: {A: "1"}
---
apiVersion: v1
kind: Secret
metadata: {name: shop-creds-b54m4mmm45, labels: {generated: "true"}}
type: Opaque
data: {password: czNjcjN0}
)");

    QTest::newRow("generator merge in an overlay") << QByteArray(R"(
=== base/kustomization.yaml
configMapGenerator:
- name: env
  literals: [A=1, B=2]
=== overlay/kustomization.yaml
namespace: prod
resources: [../base]
configMapGenerator:
- name: env
  behavior: merge
  literals: [B=20, C=3]
)") << u"overlay"_s << QByteArray(R"(
apiVersion: v1
kind: ConfigMap
metadata: {name: env-695h9c9h5c, namespace: prod}
data: {A: "1", B: "20", C: "3"}
)");

    QTest::newRow("no kustomization file: Flux generates one") << QByteArray(R"(
=== deploy/README.md
not yaml
=== deploy/a.yaml
apiVersion: v1
kind: ConfigMap
metadata: {name: a}
=== deploy/sub/b.yml
apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: ConfigMap, metadata: {name: b1}}
- {apiVersion: v1, kind: ConfigMap, metadata: {name: b2}}
=== deploy/sub/empty.yaml
# nothing here
=== deploy/app/kustomization.yaml
namePrefix: app-
resources: [c.yaml]
=== deploy/app/c.yaml
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
=== deploy/app/values.yaml
not: a kubernetes object, and not listed
=== deploy/z.json
{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "json"}}
)") << u"./deploy/"_s << QByteArray(R"(
apiVersion: v1
kind: ConfigMap
metadata: {name: a}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: app-c}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: b1}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: b2}
)");

    QTest::newRow("components") << QByteArray(R"(
=== app/kustomization.yaml
resources: [cm.yaml]
components: [../feature]
=== app/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata: {name: base}
data: {x: "1"}
=== feature/kustomization.yaml
apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
resources: [extra.yaml]
patches:
- patch: |-
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: base}
    data: {feature: "on"}
commonLabels: {feature: "on"}
=== feature/extra.yaml
apiVersion: v1
kind: ConfigMap
metadata: {name: extra}
)") << u"app"_s << QByteArray(R"(
apiVersion: v1
kind: ConfigMap
metadata: {name: base, labels: {feature: "on"}}
data: {x: "1", feature: "on"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: extra, labels: {feature: "on"}}
)");

    QTest::newRow("labels: metadata, selectors, templates") << QByteArray(R"(
=== app/kustomization.yaml
resources: [d.yaml]
labels:
- pairs: {owner: team-a}
- pairs: {app: web}
  includeSelectors: true
- pairs: {tier: front}
  includeTemplates: true
=== app/d.yaml
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {run: web}}
  template: {metadata: {labels: {run: web}}, spec: {containers: [{name: w, image: x}]}}
)") << u"app"_s << QByteArray(R"(
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {owner: team-a, app: web, tier: front}}
spec:
  selector: {matchLabels: {run: web, app: web}}
  template: {metadata: {labels: {run: web, app: web, tier: front}}, spec: {containers: [{name: w, image: x}]}}
)");

    QTest::newRow("local configuration is dropped") << QByteArray(R"(
=== kustomization.yaml
resources: [a.yaml]
=== a.yaml
apiVersion: v1
kind: ConfigMap
metadata: {name: keep}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: local
  annotations: {config.kubernetes.io/local-config: "true"}
)") << u"./"_s << QByteArray(R"(
apiVersion: v1
kind: ConfigMap
metadata: {name: keep}
)");

    QTest::newRow("kustomization.yml and Kustomization, bases") << QByteArray(R"(
=== app/Kustomization
bases: [sub]
=== app/sub/kustomization.yml
resources: [a.yaml]
=== app/sub/a.yaml
apiVersion: v1
kind: ConfigMap
metadata: {name: a}
)") << u"app"_s << QByteArray(R"(
apiVersion: v1
kind: ConfigMap
metadata: {name: a}
)");

    QTest::newRow("the root kustomization's unknown fields are dropped, as Flux's rewrite does") << QByteArray(R"(
=== kustomization.yaml
resources: [a.yaml]
notAField: true
=== a.yaml
apiVersion: v1
kind: ConfigMap
metadata: {name: a}
)") << QString() << QByteArray(R"(
apiVersion: v1
kind: ConfigMap
metadata: {name: a}
)");

    QTest::newRow("strings stay strings, numbers stay numbers") << QByteArray(R"(
=== app/kustomization.yaml
resources: [a.yaml]
commonLabels: {version: "1.10"}
=== app/a.yaml
apiVersion: v1
kind: ConfigMap
metadata: {name: a}
data: {quoted: "1.10", mode: "0755", flag: "true"}
binaryData: {}
immutable: true
---
apiVersion: example.com/v1
kind: Thing
metadata: {name: t}
spec: {version: 1.10, mode: 0755, on: yes}
)") << u"app"_s << QByteArray(R"(
apiVersion: v1
kind: ConfigMap
metadata: {name: a, labels: {version: "1.10"}}
data: {quoted: "1.10", mode: "0755", flag: "true"}
binaryData: {}
immutable: true
---
apiVersion: example.com/v1
kind: Thing
metadata: {name: t, labels: {version: "1.10"}}
spec: {version: 1.1, mode: 755, "on": "yes"}
)");

    QTest::newRow("transformer configurations: name references in custom resources") << QByteArray(R"(
=== app/kustomization.yaml
namespace: apps
resources: [release.yaml]
secretGenerator:
- name: values
  literals: [token=abc]
configurations: [config.yaml]
=== app/config.yaml
nameReference:
- kind: Secret
  version: v1
  fieldSpecs:
  - path: spec/valuesFrom/name
    kind: HelmRelease
=== app/release.yaml
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: app}
spec:
  valuesFrom:
  - {kind: Secret, name: values}
  - {kind: Secret, name: other}
)") << u"app"_s << QByteArray(R"(
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: app, namespace: apps}
spec:
  valuesFrom:
  - {kind: Secret, name: values-99dc9g4mhc}
  - {kind: Secret, name: other}
---
apiVersion: v1
kind: Secret
metadata: {name: values-99dc9g4mhc, namespace: apps}
type: Opaque
data: {token: YWJj}
)");
}

void TestKustomizeBuild::build()
{
    QFETCH(QByteArray, repository);
    QFETCH(QString, path);
    QFETCH(QByteArray, expected);
    const auto built = kustomizeBuild(files(repository), path);
    QVERIFY2(built.has_value(), built ? "" : qPrintable(built.error().message));
    QCOMPARE(built->quotedStrings.size(), built->objects.size());
    QCOMPARE(QString::fromUtf8(toYamlDocuments(built->objects)), QString::fromUtf8(normalized(expected)));
}

void TestKustomizeBuild::errors_data()
{
    QTest::addColumn<QByteArray>("repository");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");

    const QByteArray configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n";
    QTest::newRow("path not found") << QByteArray("=== apps/a.yaml\n" + configMap) << u"./apps/nope"_s
                                    << u"kustomization path not found: stat apps/nope: no such file or directory"_s;
    QTest::newRow("path is a file") << QByteArray("=== apps/a.yaml\n" + configMap) << u"./apps/a.yaml"_s
                                    << u"kustomization path is not a directory: open apps/a.yaml/kustomization.yaml: "
                                       "not a directory"_s;
    QTest::newRow("missing resource")
        << QByteArray("=== apps/kustomization.yaml\nresources: [a.yaml, missing.yaml]\n=== apps/a.yaml\n" + configMap)
        << u"apps"_s
        << u"accumulating resources: accumulation err='accumulating resources from 'missing.yaml': open "
           "apps/missing.yaml: no such file or directory': must build at directory: not a valid directory: evalsymlink "
           "failure on 'apps/missing.yaml' : lstat apps/missing.yaml: no such file or directory"_s;
    QTest::newRow("duplicate ids in a file")
        << QByteArray("=== apps/kustomization.yaml\nresources: [a.yaml]\n=== apps/a.yaml\n" + configMap + "---\n"
                      + configMap)
        << u"apps"_s
        << u"accumulating resources: merging resources from 'a.yaml': may not add resource with an already "
           "registered id: ConfigMap.v1.[noGrp]/a.[noNs]"_s;
    QTest::newRow("duplicate ids across directories")
        << QByteArray("=== apps/kustomization.yaml\nresources: [one, two]\n"
                      "=== apps/one/kustomization.yaml\nresources: [a.yaml]\n=== apps/one/a.yaml\n"
                      + configMap
                      + "=== apps/two/kustomization.yaml\nresources: [a.yaml]\n=== apps/two/a.yaml\n"
                      + configMap)
        << u"apps"_s
        << u"accumulating resources: recursed merging from path 'apps/two': may not add resource with an already "
           "registered id: ConfigMap.v1.[noGrp]/a.[noNs]"_s;
    QTest::newRow("same name in two namespaces is fine, default and empty are one")
        << QByteArray("=== kustomization.yaml\nresources: [a.yaml]\n=== a.yaml\n"
                      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: x}\n---\n"
                      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n"
                      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: default}\n")
        << QString()
        << u"accumulating resources: merging resources from 'a.yaml': may not add resource with an already "
           "registered id: ConfigMap.v1.[noGrp]/a.default"_s;
    QTest::newRow("invalid kustomization YAML")
        << QByteArray("=== apps/staging/kustomization.yaml\napiVersion: kustomize.config.k8s.io/v1beta1\n"
                      "kind: Kustomization\nresources:\n  - ../base\npatchesStrategicMerge:\n"
                      "  - podinfo-values.yaml\n  - name: podinfo\n    namespace: a: b\n")
        << u"./apps/staging"_s << u"apps/staging/kustomization.yaml:8:17: mapping values are not allowed in this context"_s;
    QTest::newRow("badly indented kustomization YAML")
        << QByteArray("=== apps/staging/kustomization.yaml\nresources:\n  - ../base\npatchesStrategicMerge:\n"
                      "  - podinfo.yaml\n  bad: value\n")
        << u"./apps/staging"_s << u"apps/staging/kustomization.yaml:5:3: did not find expected key"_s;
    QTest::newRow("invalid resource YAML")
        << QByteArray("=== apps/kustomization.yaml\nresources: [a.yaml]\n=== apps/a.yaml\nkind: [x\n") << u"apps"_s
        << u"accumulating resources: accumulating resources from 'a.yaml': apps/a.yaml:3:1: did not find expected "
           "',' or ']'"_s;
    QTest::newRow("object without a name")
        << QByteArray("=== apps/kustomization.yaml\nresources: [a.yaml]\n=== apps/a.yaml\n" + configMap
                      + "---\napiVersion: v1\nkind: Secret\nmetadata: {namespace: x}\n")
        << u"apps"_s
        << u"accumulating resources: accumulating resources from 'a.yaml': apps/a.yaml:5: missing metadata.name in Secret"_s;
    QTest::newRow("object without a kind")
        << QByteArray("=== apps/kustomization.yaml\nresources: [a.yaml]\n=== apps/a.yaml\napiVersion: v1\nmetadata: {name: a}\n")
        << u"apps"_s << u"accumulating resources: accumulating resources from 'a.yaml': apps/a.yaml:1: missing kind in object"_s;
    QTest::newRow("object without an apiVersion")
        << QByteArray("=== apps/kustomization.yaml\nresources: [a.yaml]\n=== apps/a.yaml\nkind: ConfigMap\nmetadata: {name: a}\n")
        << u"apps"_s
        << u"accumulating resources: accumulating resources from 'a.yaml': apps/a.yaml:1: missing apiVersion in ConfigMap"_s;
    QTest::newRow("not Kubernetes YAML where Flux generates the kustomization")
        << QByteArray("=== apps/a.yaml\n" + configMap + "=== apps/values.yaml\nreplicaCount: 2\n") << u"apps"_s
        << u"failed to decode Kubernetes YAML from apps/values.yaml: apps/values.yaml:1: missing Resource metadata"_s;
    QTest::newRow("broken YAML where Flux generates the kustomization")
        << QByteArray("=== apps/a.yaml\nkind: ConfigMap\n  name: x\n") << u"apps"_s
        << u"failed to decode Kubernetes YAML from apps/a.yaml: apps/a.yaml:2:7: mapping values are not allowed in this context"_s;
    QTest::newRow("remote resource")
        << QByteArray("=== kustomization.yaml\nresources: [\"https://github.com/org/repo//deploy?ref=v1\"]\n") << QString()
        << u"accumulating resources: accumulation err='accumulating resources from "
           "'https://github.com/org/repo//deploy?ref=v1': remote resources are not supported by the sandbox; vendor them "
           "into the repository'"_s;
    QTest::newRow("resource outside the source")
        << QByteArray("=== apps/kustomization.yaml\nresources: [../../etc/passwd]\n") << u"apps"_s
        << u"accumulating resources: accumulation err='accumulating resources from '../../etc/passwd': security: path "
           "'../../etc/passwd' is not in or below the source root'"_s;
    QTest::newRow("directory without a kustomization")
        << QByteArray("=== apps/kustomization.yaml\nresources: [plain]\n=== apps/plain/a.yaml\n" + configMap) << u"apps"_s
        << u"accumulating resources: accumulation err='accumulating resources from 'plain': read apps/plain: is a "
           "directory': recursed accumulation of path 'apps/plain': couldn't make target for path 'apps/plain': unable "
           "to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory 'apps/plain'"_s;
    QTest::newRow("error inside a base names the chain")
        << QByteArray("=== apps/staging/kustomization.yaml\nresources: [../base]\n"
                      "=== apps/base/kustomization.yaml\nresources: [gone.yaml]\n")
        << u"apps/staging"_s
        << u"accumulating resources: accumulation err='accumulating resources from '../base': read apps/base: is a "
           "directory': recursed accumulation of path 'apps/base': accumulating resources: accumulation "
           "err='accumulating resources from 'gone.yaml': open apps/base/gone.yaml: no such file or directory': must "
           "build at directory: not a valid directory: evalsymlink failure on 'apps/base/gone.yaml' : lstat "
           "apps/base/gone.yaml: no such file or directory"_s;
    QTest::newRow("cycle")
        << QByteArray("=== a/kustomization.yaml\nresources: [../b]\n=== b/kustomization.yaml\nresources: [../a]\n")
        << u"a"_s
        << u"accumulating resources: accumulation err='accumulating resources from '../b': read b: is a directory': "
           "recursed accumulation of path 'b': accumulating resources: accumulation err='accumulating resources from "
           "'../a': read a: is a directory': recursed accumulation of path 'a': cycle detected: candidate root 'a' "
           "contains visited root 'a'"_s;
    QTest::newRow("multiple kustomization files")
        << QByteArray("=== apps/kustomization.yaml\nresources: []\n=== apps/kustomization.yml\nresources: []\n") << u"apps"_s
        << u"Found multiple kustomization files under: apps"_s;
    QTest::newRow("unknown field in a nested kustomization")
        << QByteArray("=== kustomization.yaml\nresources: [app]\n=== app/kustomization.yaml\nresource: [a.yaml]\n")
        << QString()
        << u"accumulating resources: accumulation err='accumulating resources from 'app': read app: is a directory': "
           "recursed accumulation of path 'app': couldn't make target for path 'app': app/kustomization.yaml: invalid "
           "Kustomization: json: unknown field \"resource\""_s;
    QTest::newRow("unsupported field")
        << QByteArray("=== kustomization.yaml\nreplacements: []\n") << QString()
        << u"kustomization.yaml: the kustomization field 'replacements' is not supported by the sandbox"_s;
    QTest::newRow("unquoted version in commonLabels")
        << QByteArray("=== kustomization.yaml\ncommonLabels: {version: 1.10}\n") << QString()
        << u"kustomization.yaml: invalid Kustomization: json: cannot unmarshal number into Go struct field "
           "Kustomization.commonLabels of type string"_s;
    QTest::newRow("unquoted image tag")
        << QByteArray("=== kustomization.yaml\nimages: [{name: nginx, newTag: 1.27}]\n") << QString()
        << u"kustomization.yaml: invalid Kustomization: json: cannot unmarshal number into Go struct field "
           "Kustomization.images.newTag of type string"_s;
    QTest::newRow("patch target not found")
        << QByteArray("=== kustomization.yaml\nresources: [a.yaml]\npatchesStrategicMerge: [p.yaml]\n=== a.yaml\n"
                      "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: podinfo, namespace: "
                      "cluster-config}\n=== p.yaml\napiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\n"
                      "metadata: {name: podinfo}\nspec: {test: {enable: true}}\n")
        << QString()
        << u"no matches for Id HelmRelease.v2.helm.toolkit.fluxcd.io/podinfo.[noNs]; failed to find unique target for "
           "patch HelmRelease.v2.helm.toolkit.fluxcd.io/podinfo.[noNs]"_s;
    QTest::newRow("JSON 6902 patch without target")
        << QByteArray("=== kustomization.yaml\nresources: [a.yaml]\npatches:\n- patch: '[{op: remove, path: /data}]'\n"
                      "=== a.yaml\n" + configMap)
        << QString() << u"patches: must specify a target for JSON 6902 patch kustomization.yaml (inline patch)"_s;
    QTest::newRow("JSON 6902 patch that does not apply")
        << QByteArray("=== kustomization.yaml\nresources: [a.yaml]\npatches:\n- target: {kind: ConfigMap}\n"
                      "  patch: '[{op: replace, path: /data/x, value: y}]'\n=== a.yaml\n" + configMap)
        << QString()
        << u"patches: unable to apply JSON 6902 patch kustomization.yaml (inline patch) to ConfigMap.v1.[noGrp]/a.[noNs]: "
           "replace operation does not apply: doc is missing path: \"/data/x\": missing value"_s;
    QTest::newRow("replicas for a name that is not there")
        << QByteArray("=== kustomization.yaml\nreplicas: [{name: web, count: 2}]\n") << QString()
        << u"resource with name web does not match a config with the following GVK [Deployment.[noVer].[noGrp] "
           "ReplicationController.[noVer].[noGrp] ReplicaSet.[noVer].[noGrp] StatefulSet.[noVer].[noGrp]]"_s;
    QTest::newRow("generator key repeated")
        << QByteArray("=== kustomization.yaml\nconfigMapGenerator: [{name: c, literals: [a=1, a=2]}]\n") << QString()
        << u"configmap c illegally repeats the key `a`"_s;
    QTest::newRow("generator file missing")
        << QByteArray("=== app/kustomization.yaml\nconfigMapGenerator: [{name: c, files: [gone.txt]}]\n") << u"app"_s
        << u"file source gone.txt: open app/gone.txt: no such file or directory"_s;
    QTest::newRow("merge without a base object")
        << QByteArray("=== kustomization.yaml\nconfigMapGenerator: [{name: c, behavior: merge, literals: [a=1]}]\n")
        << QString() << u"id ConfigMap.v1.[noGrp]/c.[noNs] does not exist; cannot merge or replace"_s;
    QTest::newRow("component used as a resource")
        << QByteArray("=== kustomization.yaml\nresources: [c]\n=== c/kustomization.yaml\nkind: Component\n") << QString()
        << u"accumulating resources: accumulation err='accumulating resources from 'c': read c: is a directory': "
           "recursed accumulation of path 'c': expected kind != 'Component' for path 'c'"_s;
}

void TestKustomizeBuild::errors()
{
    QFETCH(QByteArray, repository);
    QFETCH(QString, path);
    QFETCH(QString, message);
    const auto built = kustomizeBuild(files(repository), path);
    QVERIFY2(!built.has_value(), built ? qPrintable(QString::fromUtf8(toYamlDocuments(built->objects))) : "");
    QCOMPARE(built.error().message, message);
}

void TestKustomizeBuild::tutorial_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("golden");
    QTest::newRow("infrastructure") << u"./infrastructure"_s << u"tutorial-infrastructure.yaml"_s;
    QTest::newRow("apps/staging") << u"./apps/staging"_s << u"tutorial-apps-staging.yaml"_s;
    QTest::newRow("apps/production") << u"./apps/production"_s << u"tutorial-apps-production.yaml"_s;
    QTest::newRow("apps/base/podinfo") << u"apps/base/podinfo"_s << u"tutorial-apps-base-podinfo.yaml"_s;
    QTest::newRow("clusters/staging, no kustomization") << u"./clusters/staging"_s << u"tutorial-clusters-staging.yaml"_s;
}

// The Azure GitOps tutorial's repository, read where the shared reference samples live, built
// for each of its Kustomization paths and compared with golden files. FLUXDECK_UPDATE_GOLDEN=1
// rewrites them (review the diff before committing).
void TestKustomizeBuild::tutorial()
{
    if (!QFileInfo::exists(TutorialPath))
        QSKIP("the tutorial repository is not in the shared reference samples");
    QFETCH(QString, path);
    QFETCH(QString, golden);
    const auto built = kustomizeBuild(tutorialFiles(), path);
    QVERIFY2(built.has_value(), built ? "" : qPrintable(built.error().message));
    const QByteArray actual = toYamlDocuments(built->objects);
    QFile file(GoldenPath + u'/' + golden);
    if (qEnvironmentVariableIsSet("FLUXDECK_UPDATE_GOLDEN")) {
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(actual);
        return;
    }
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QCOMPARE(QString::fromUtf8(actual), QString::fromUtf8(file.readAll()));
}

void TestKustomizeBuild::tutorialRootHasDuplicates()
{
    if (!QFileInfo::exists(TutorialPath))
        QSKIP("the tutorial repository is not in the shared reference samples");
    // Built from the root, Flux's generated kustomization takes apps/base/podinfo, staging and
    // production together, which declare the same objects: the real controller fails the same way.
    const auto built = kustomizeBuild(tutorialFiles(), u"./"_s);
    QVERIFY(!built.has_value());
    QCOMPARE(built.error().message,
             u"accumulating resources: recursed merging from path 'apps/production': may not add resource with an "
             "already registered id: Namespace.v1.[noGrp]/podinfo.[noNs]"_s);
}

void TestKustomizeBuild::quotedStringsAreReported()
{
    const auto built = kustomizeBuild(files(R"(
=== kustomization.yaml
resources: [a.yaml]
patches:
- patch: |
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: a}
    data: {patched: "${p}"}
=== a.yaml
apiVersion: v1
kind: ConfigMap
metadata: {name: a}
data:
  quoted: "${q}"
  plain: ${r}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: b}
)"),
                                      QString());
    QVERIFY(built.has_value());
    QCOMPARE(built->quotedStrings.size(), 2);
    QCOMPARE(built->quotedStrings.at(0), (QSet<QString>{u"${q}"_s, u"${p}"_s}));
    QVERIFY(built->quotedStrings.at(1).isEmpty());
}

void TestKustomizeBuild::substitute_data()
{
    QTest::addColumn<QByteArray>("repository");
    QTest::addColumn<Variables>("variables");
    QTest::addColumn<bool>("strict");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray deployment = R"(
=== kustomization.yaml
resources: [app.yaml]
=== app.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${cluster_env:=dev}
  labels: {region: "${region}", version: "${version}"}
spec:
  replicas: ${replicas:=1}
  paused: ${paused:-false}
  template:
    spec:
      containers:
      - name: web
        image: nginx:${tag}
        args: ["--greeting=$${HOME}", "$$HOME"]
)";
    QTest::newRow("values, defaults, escapes; plain becomes typed, quoted stays a string")
        << deployment
        << Variables{{u"region"_s, u"eu"_s}, {u"version"_s, u"1.10"_s}, {u"replicas"_s, u"3"_s}, {u"tag"_s, u"1.27"_s}}
        << true << QByteArray(R"(
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-dev
  labels: {region: eu, version: "1.10"}
spec:
  replicas: 3
  paused: false
  template:
    spec:
      containers:
      - name: web
        image: "nginx:1.27"
        args: ["--greeting=${HOME}", "$HOME"]
)");
    QTest::newRow("no variables: nothing is substituted, as in Flux")
        << QByteArray("=== kustomization.yaml\nresources: [a.yaml]\n=== a.yaml\napiVersion: v1\nkind: ConfigMap\n"
                      "metadata: {name: a}\ndata: {x: \"${missing}\", y: \"$${kept}\"}\n")
        << Variables{} << true
        << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {x: \"${missing}\", y: \"$${kept}\"}\n");
    QTest::newRow("disabled by label or annotation")
        << QByteArray("=== kustomization.yaml\nresources: [a.yaml]\n=== a.yaml\napiVersion: v1\nkind: ConfigMap\n"
                      "metadata: {name: a, annotations: {kustomize.toolkit.fluxcd.io/substitute: disabled}}\n"
                      "data: {x: \"${v}\"}\n---\napiVersion: v1\nkind: ConfigMap\n"
                      "metadata: {name: b, labels: {kustomize.toolkit.fluxcd.io/substitute: disabled}}\n"
                      "data: {x: \"${v}\"}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"
                      "data: {x: \"${v}\"}\n")
        << Variables{{u"v"_s, u"1"_s}} << true
        << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, annotations: {kustomize.toolkit.fluxcd.io/"
                      "substitute: disabled}}\ndata: {x: \"${v}\"}\n---\napiVersion: v1\nkind: ConfigMap\n"
                      "metadata: {name: b, labels: {kustomize.toolkit.fluxcd.io/substitute: disabled}}\n"
                      "data: {x: \"${v}\"}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {x: \"1\"}\n");
    QTest::newRow("keys, multi-line values and newlines in variables")
        << QByteArray("=== kustomization.yaml\nresources: [a.yaml]\n=== a.yaml\napiVersion: v1\nkind: ConfigMap\n"
                      "metadata: {name: a}\ndata:\n  ${key}: v\n  script: |\n    echo ${greeting}\n    echo done\n")
        << Variables{{u"key"_s, u"color"_s}, {u"greeting"_s, u"hel\nlo"_s}} << false
        << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  color: v\n"
                      "  script: \"echo hello\\necho done\\n\"\n");
}

void TestKustomizeBuild::substitute()
{
    QFETCH(QByteArray, repository);
    QFETCH(Variables, variables);
    QFETCH(bool, strict);
    QFETCH(QByteArray, expected);
    const auto built = kustomizeBuild(files(repository), QString());
    QVERIFY2(built.has_value(), built ? "" : qPrintable(built.error().message));
    const auto substituted = Fluxdeck::Sandbox::substitute(*built, variables, strict);
    QVERIFY2(substituted.has_value(), substituted ? "" : qPrintable(substituted.error().message));
    QCOMPARE(QString::fromUtf8(toYamlDocuments(*substituted)), QString::fromUtf8(normalized(expected)));
}

void TestKustomizeBuild::substituteErrors_data()
{
    QTest::addColumn<QByteArray>("object");
    QTest::addColumn<Variables>("variables");
    QTest::addColumn<QString>("message");
    QTest::newRow("strict: missing variable")
        << QByteArray("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: ${replicas}\n")
        << Variables{{u"other"_s, u"x"_s}}
        << u"post build failed for 'Deployment.v1.apps/web': envsubst error: variable substitution failed: variable not "
           "set (strict mode): \"replicas\""_s;
    QTest::newRow("invalid variable name")
        << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n") << Variables{{u"bad-name"_s, u"x"_s}}
        << u"post build failed for 'ConfigMap.v1.[noGrp]/a': envsubst error: 'bad-name' var name is invalid, must "
           "match '^[_[:alpha:]][_[:alpha:][:digit:]]*$'"_s;
    QTest::newRow("bad expression")
        << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {x: \"${x\"}\n")
        << Variables{{u"x"_s, u"1"_s}}
        << u"post build failed for 'ConfigMap.v1.[noGrp]/a': envsubst error: variable substitution failed: missing "
           "closing brace"_s;
    QTest::newRow("value that breaks the YAML")
        << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  x: ${x}\n")
        << Variables{{u"x"_s, u"[unclosed"_s}}
        << u"post build failed for 'ConfigMap.v1.[noGrp]/a': envsubst error: YAMLToJSON: ConfigMap.v1.[noGrp]/a:4:5: did "
           "not find expected ',' or ']'"_s;
}

void TestKustomizeBuild::substituteErrors()
{
    QFETCH(QByteArray, object);
    QFETCH(Variables, variables);
    QFETCH(QString, message);
    const auto parsed = parseYamlDocuments(object, u"object"_s);
    QVERIFY(parsed.has_value());
    const auto substituted = Fluxdeck::Sandbox::substitute(*parsed, variables, true);
    QVERIFY(!substituted.has_value());
    QCOMPARE(substituted.error().message, message);
}

void TestKustomizeBuild::hundredsOfObjectsAreFast()
{
    // 40 apps, each a base of a Deployment, Service and ConfigMap generator plus an overlay with
    // a patch, labels, a prefix and an image: 160 objects, then substituted.
    Files repository;
    QByteArray top = "resources:\n";
    for (int i = 0; i < 40; ++i) {
        const QByteArray app = "app" + QByteArray::number(i);
        repository.insert(QString::fromUtf8("base/" + app + "/kustomization.yaml"),
                          "resources: [deploy.yaml]\nconfigMapGenerator:\n- name: settings\n  literals: [A=" + app
                              + "]\n");
        repository.insert(QString::fromUtf8("base/" + app + "/deploy.yaml"),
                          "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: "
                          "{app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n"
                          "      - {name: web, image: nginx, envFrom: [{configMapRef: {name: settings}}]}\n---\n"
                          "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: "
                          "[{port: 80}]}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web}\n");
        repository.insert(QString::fromUtf8("overlays/" + app + "/kustomization.yaml"),
                          "namePrefix: " + app + "-\nnamespace: ${ns:=apps}\ncommonLabels: {team: t" + QByteArray::number(i)
                              + "}\nresources: [../../base/" + app + "]\nimages: [{name: nginx, newTag: \"1.27\"}]\n"
                              "patches:\n- target: {kind: Deployment}\n  patch: |\n    - {op: add, path: /spec/replicas, "
                              "value: 2}\n");
        top += "- overlays/" + app + "\n";
    }
    repository.insert(u"kustomization.yaml"_s, top);
    QElapsedTimer timer;
    timer.start();
    const auto built = kustomizeBuild(repository, QString());
    QVERIFY2(built.has_value(), built ? "" : qPrintable(built.error().message));
    QCOMPARE(built->objects.size(), 160);
    const qint64 building = timer.elapsed();
    const auto substituted = Fluxdeck::Sandbox::substitute(*built, {{u"ns"_s, u"shop"_s}}, true);
    QVERIFY(substituted.has_value());
    const qint64 elapsed = timer.elapsed();
    qInfo("built %lld objects in %lld ms, substituted them in %lld ms", qint64(substituted->size()), building,
          elapsed - building);
    QCOMPARE(substituted->at(0).toObject().value(u"metadata").toObject().value(u"namespace").toString(), u"shop"_s);
    QVERIFY2(elapsed < 5000, qPrintable(QString::number(elapsed)));
}

QTEST_GUILESS_MAIN(TestKustomizeBuild)
#include "tst_kustomizebuild.moc"
