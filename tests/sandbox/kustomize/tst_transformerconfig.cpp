#include "kustomize/transformerconfig.h"

#include "kustomize/yamljson.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace Fluxdeck::Sandbox;

class TestTransformerConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fieldPaths_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("segments");
        QTest::newRow("plain") << u"spec/template/metadata/labels"_s
                               << QStringList{u"spec"_s, u"template"_s, u"metadata"_s, u"labels"_s};
        QTest::newRow("list marks dropped") << u"spec/containers[]/image"_s
                                            << QStringList{u"spec"_s, u"containers"_s, u"image"_s};
        QTest::newRow("escaped slash") << u"metadata/annotations/example.com\\/name"_s
                                       << QStringList{u"metadata"_s, u"annotations"_s, u"example.com/name"_s};
    }

    void fieldPaths()
    {
        QFETCH(QString, path);
        QFETCH(QStringList, segments);
        QCOMPARE(parseFieldPath(path), segments);
    }

    void visitGoesThroughLists()
    {
        QJsonObject object = parseYamlDocuments("spec: {containers: [{image: a}, {image: b}, {name: c}]}\n", u"x"_s)
                                 ->first()
                                 .toObject();
        QStringList seen;
        visitField(object, parseFieldPath(u"spec/containers/image"_s), false, [&](QJsonValue &value) {
            seen.append(value.toString());
            value = value.toString().toUpper();
        });
        QCOMPARE(seen, (QStringList{u"a"_s, u"b"_s}));
        QCOMPARE(QString::fromUtf8(toYaml(object)),
                 u"spec:\n  containers:\n  - image: A\n  - image: B\n  - name: c\n"_s);
    }

    void visitCreates()
    {
        QJsonObject object{{u"kind"_s, u"Service"_s}};
        visitField(object, {u"spec"_s, u"selector"_s}, true, [](QJsonValue &value) {
            value = QJsonObject{{u"app"_s, u"web"_s}};
        });
        QCOMPARE(QString::fromUtf8(toYaml(object)), u"kind: Service\nspec:\n  selector:\n    app: web\n"_s);
        // Nothing is left behind where the visitor put nothing.
        visitField(object, {u"status"_s, u"x"_s}, true, [](QJsonValue &) {});
        QVERIFY(!object.contains(u"status"));
    }

    void builtinKnowsTheCommonReferences()
    {
        const TransformerConfig config = TransformerConfig::builtin();
        const auto references = [&](const QString &kind) {
            for (const NameReference &reference : config.nameReferences) {
                if (reference.referral.kind == kind)
                    return reference.fieldSpecs;
            }
            return QList<FieldSpec>();
        };
        const auto has = [](const QList<FieldSpec> &specs, const QString &kind, const QString &path) {
            return specs.contains(FieldSpec{TypeSelector{{}, {}, kind}, parseFieldPath(path), false});
        };
        QVERIFY(has(references(u"ConfigMap"_s), u"Deployment"_s, u"spec/template/spec/volumes/configMap/name"_s));
        QVERIFY(has(references(u"Secret"_s), u"CronJob"_s,
                    u"spec/jobTemplate/spec/template/spec/containers/envFrom/secretRef/name"_s));
        QVERIFY(has(references(u"ServiceAccount"_s), u"Pod"_s, u"spec/serviceAccountName"_s));
        QVERIFY(has(references(u"Service"_s), u"Ingress"_s, u"spec/rules/http/paths/backend/service/name"_s));
        QVERIFY(!config.commonLabels.isEmpty());
        QVERIFY(config.templateLabels.size() < config.commonLabels.size());
    }

    void parseAndMerge()
    {
        const auto parsed = parseTransformerConfig(*parseYamlDocuments(R"(
nameReference:
- kind: ConfigMap
  version: v1
  fieldSpecs:
  - {path: spec/valuesFrom/name, kind: HelmRelease}
images:
- {path: spec/image, kind: Thing}
)", u"config.yaml"_s)->begin(),
                                                   u"config.yaml"_s);
        QVERIFY2(parsed.has_value(), parsed ? "" : qPrintable(parsed.error().message));
        TransformerConfig config = TransformerConfig::builtin();
        const qsizetype before = config.nameReferences.size();
        config.merge(*parsed);
        config.merge(*parsed); // merging twice adds nothing more
        QCOMPARE(config.nameReferences.size(), before + 1); // ConfigMap with version v1 is a new referral
        QCOMPARE(config.images.size(), 1);
    }

    void unsupportedConfiguration()
    {
        const auto parsed = parseTransformerConfig(*parseYamlDocuments("varReference: []\n", u"c.yaml"_s)->begin(),
                                                   u"c.yaml"_s);
        QVERIFY(!parsed.has_value());
        QVERIFY(parsed.error().message.startsWith(u"c.yaml: transformer configuration 'varReference' is not supported"));
    }
};

QTEST_GUILESS_MAIN(TestTransformerConfig)
#include "tst_transformerconfig.moc"
