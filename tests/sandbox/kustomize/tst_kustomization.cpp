#include "kustomize/kustomization.h"

#include "kustomize/yamljson.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Fluxdeck::Sandbox;

namespace {

Fluxdeck::Domain::Result<Kustomization> parse(const QByteArray &yaml, bool isRoot = false)
{
    const auto documents = parseYamlDocuments(yaml, u"app/kustomization.yaml"_s);
    if (!documents)
        qFatal("bad test YAML");
    return parseKustomization(documents->isEmpty() ? QJsonValue() : documents->first(), u"app"_s,
                              u"app/kustomization.yaml"_s, isRoot);
}

} // namespace

class TestKustomization : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fields()
    {
        const auto k = parse(R"(
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: shop
namePrefix: p-
resources: [a.yaml]
bases: [../base]
commonLabels: {app: web}
images: [{name: nginx, newTag: "1.27"}]
imageTags: [{name: redis, digest: "sha256:1"}]
replicas: [{name: web, count: 3}]
patches: [{path: p.yaml, target: {kind: Deployment}, options: {allowNameChange: true}}]
configMapGenerator: [{name: c, literals: [a=1], env: x.env, envs: [y.env], options: {immutable: true}}]
labels: [{pairs: {a: b}, includeSelectors: true, fields: [{path: spec/x, kind: Thing, create: true}]}]
)");
        QVERIFY2(k.has_value(), k ? "" : qPrintable(k.error().message));
        QCOMPARE(k->kind, u"Kustomization"_s);
        QCOMPARE(k->ns, u"shop"_s);
        QCOMPARE(k->resources, (QStringList{u"a.yaml"_s, u"../base"_s}));
        QCOMPARE(k->commonLabels.value(u"app"_s), u"web"_s);
        QCOMPARE(k->images.size(), 2);
        QCOMPARE(k->images[1].digest, u"sha256:1"_s);
        QCOMPARE(k->replicas[0].count, 3);
        QCOMPARE(k->patches[0].target->value(u"kind").toString(), u"Deployment"_s);
        QVERIFY(k->patches[0].allowNameChange);
        QCOMPARE(k->configMapGenerator[0].envs, (QStringList{u"y.env"_s, u"x.env"_s}));
        QVERIFY(k->configMapGenerator[0].options->immutable);
        QCOMPARE(k->labels[0].fields[0].path, (QStringList{u"spec"_s, u"x"_s}));
    }

    void emptyFileIsAnEmptyKustomization()
    {
        const auto k = parse("# nothing\n");
        QVERIFY(k.has_value());
        QVERIFY(k->resources.isEmpty());
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<bool>("isRoot");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown field") << QByteArray("resource: [a]\n") << false
                                       << u"app/kustomization.yaml: invalid Kustomization: json: unknown field \"resource\""_s;
        QTest::newRow("unsupported field, even at the root") << QByteArray("helmCharts: []\n") << true
                                                             << u"app/kustomization.yaml: the kustomization field 'helmCharts' "
                                                                "is not supported by the sandbox"_s;
        QTest::newRow("list of strings") << QByteArray("resources: a.yaml\n") << false
                                         << u"app/kustomization.yaml: invalid Kustomization: json: cannot unmarshal string "
                                            "into Go struct field Kustomization.resources of type []string"_s;
        QTest::newRow("boolean label value") << QByteArray("commonLabels: {enabled: true}\n") << false
                                             << u"app/kustomization.yaml: invalid Kustomization: json: cannot unmarshal bool "
                                                "into Go struct field Kustomization.commonLabels of type string"_s;
        QTest::newRow("replica count as a string") << QByteArray("replicas: [{name: w, count: \"2\"}]\n") << false
                                                   << u"app/kustomization.yaml: invalid Kustomization: json: cannot unmarshal "
                                                      "string into Go struct field Kustomization.replicas.count of type int64"_s;
        QTest::newRow("not a map") << QByteArray("- a\n") << false
                                   << u"app/kustomization.yaml: invalid Kustomization: json: cannot unmarshal array into Go "
                                      "value of type types.Kustomization"_s;
    }

    void errors()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(bool, isRoot);
        QFETCH(QString, message);
        const auto k = parse(yaml, isRoot);
        QVERIFY(!k.has_value());
        QCOMPARE(k.error().message, message);
    }
};

QTEST_GUILESS_MAIN(TestKustomization)
#include "tst_kustomization.moc"
