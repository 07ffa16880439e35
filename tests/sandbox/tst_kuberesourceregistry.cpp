// The sandbox's own table of Kubernetes kinds, checked against the Flux CRDs it stands in for
// (read at test time from ../shared/reference/flux/crds/flux-v2.7.5) and against Kubernetes'
// version priority rules.

#include "kube/kuberesourceregistry.h"

#include <QDir>
#include <QJsonArray>
#include <QTest>

#include <yaml-cpp/yaml.h>

using namespace Qt::StringLiterals;
using Fluxdeck::Sandbox::KubeApiVersion;
using Fluxdeck::Sandbox::KubePrinterColumn;
using Fluxdeck::Sandbox::KubeResourceRegistry;
using Fluxdeck::Sandbox::KubeResourceType;

namespace {

#ifdef FLUXDECK_FLUX_CRDS_DIR
const QString CrdDirectory = QStringLiteral(FLUXDECK_FLUX_CRDS_DIR);
#else
const QString CrdDirectory;
#endif

QString text(const YAML::Node &node)
{
    return node ? QString::fromStdString(node.as<std::string>()) : QString();
}

QStringList strings(const YAML::Node &node)
{
    QStringList result;
    if (node) {
        for (const YAML::Node &item : node)
            result.append(text(item));
    }
    return result;
}

// "name|type|jsonPath|priority" per column, in order.
QStringList columns(const YAML::Node &version)
{
    QStringList result;
    for (const YAML::Node &c : version["additionalPrinterColumns"])
        result.append(u"%1|%2|%3|%4"_s.arg(text(c["name"]), text(c["type"]), text(c["jsonPath"]))
                          .arg(c["priority"] ? c["priority"].as<int>() : 0));
    return result;
}

QStringList columns(const KubeApiVersion &version)
{
    QStringList result;
    for (const KubePrinterColumn &c : version.printerColumns)
        result.append(u"%1|%2|%3|%4"_s.arg(c.name, c.type, c.jsonPath).arg(c.priority));
    return result;
}

} // namespace

class TestKubeResourceRegistry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesTheFluxCrds_data()
    {
        QTest::addColumn<QString>("file");
        if (CrdDirectory.isEmpty() || !QDir(CrdDirectory).exists())
            QSKIP("The reference Flux CRDs (../shared/reference/flux/crds/flux-v2.7.5) are not here.");
        const QStringList files = QDir(CrdDirectory).entryList({u"*.yaml"_s}, QDir::Files, QDir::Name);
        QCOMPARE(files.size(), 14);
        for (const QString &file : files)
            QTest::newRow(qPrintable(file)) << QDir(CrdDirectory).filePath(file);
    }

    void matchesTheFluxCrds()
    {
        QFETCH(QString, file);
        const YAML::Node crd = YAML::LoadFile(file.toStdString());
        const YAML::Node spec = crd["spec"];
        const YAML::Node names = spec["names"];
        const KubeResourceType *type = KubeResourceRegistry::instance().find(text(spec["group"]), text(names["plural"]));
        QVERIFY2(type, qPrintable(text(names["plural"])));
        QVERIFY(type->custom);
        QCOMPARE(type->kind, text(names["kind"]));
        QCOMPARE(type->singular, text(names["singular"]));
        QCOMPARE(type->listKind(), text(names["listKind"]));
        QCOMPARE(type->shortNames, strings(names["shortNames"]));
        QCOMPARE(type->categories, strings(names["categories"]));
        QCOMPARE(type->namespaced ? u"Namespaced"_s : u"Cluster"_s, text(spec["scope"]));
        QCOMPARE(type->qualifiedName(), text(crd["metadata"]["name"]));

        QStringList versions;
        for (const YAML::Node &v : spec["versions"]) {
            const QString name = text(v["name"]);
            versions.append(name);
            const auto it = std::find_if(type->versions.cbegin(), type->versions.cend(),
                                         [&](const KubeApiVersion &mine) { return mine.name == name; });
            QVERIFY2(it != type->versions.cend(), qPrintable(name));
            QCOMPARE(it->served, v["served"].as<bool>());
            QCOMPARE(it->storage, v["storage"].as<bool>());
            QCOMPARE(it->deprecated, v["deprecated"] ? v["deprecated"].as<bool>() : false);
            QCOMPARE(it->deprecationWarning, text(v["deprecationWarning"]));
            QCOMPARE(it->statusSubresource, bool(v["subresources"] && v["subresources"]["status"]));
            QCOMPARE(columns(*it), columns(v));
        }
        QStringList mine;
        for (const KubeApiVersion &v : type->versions)
            mine.append(v.name);
        std::sort(versions.begin(), versions.end());
        std::sort(mine.begin(), mine.end());
        QCOMPARE(mine, versions);
    }

    void everyFluxKindIsInTheReference()
    {
        if (CrdDirectory.isEmpty() || !QDir(CrdDirectory).exists())
            QSKIP("The reference Flux CRDs are not here.");
        for (const KubeResourceType &type : KubeResourceRegistry::instance().types()) {
            if (!type.group.endsWith(u".toolkit.fluxcd.io"))
                continue;
            QVERIFY2(QFile::exists(QDir(CrdDirectory).filePath(type.group + u'_' + type.plural + u".yaml"_s)),
                     qPrintable(type.qualifiedName()));
        }
    }

    void fluxConfigs()
    {
        const KubeResourceType *type = KubeResourceRegistry::instance().find(u"clusterconfig.azure.com", u"fluxconfigs");
        QVERIFY(type);
        QCOMPARE(type->kind, u"FluxConfig"_s);
        QVERIFY(type->namespaced);
        QCOMPARE(type->versions.size(), 1);
        QCOMPARE(type->storageVersion().name, u"v1beta1"_s);
    }

    void versionPriority_data()
    {
        QTest::addColumn<QStringList>("versions");
        QTest::addColumn<QStringList>("preferredFirst");
        QTest::newRow("ga first") << QStringList{u"v1beta2"_s, u"v1"_s} << QStringList{u"v1"_s, u"v1beta2"_s};
        QTest::newRow("betas by number") << QStringList{u"v1beta2"_s, u"v1beta3"_s, u"v1"_s}
                                         << QStringList{u"v1"_s, u"v1beta3"_s, u"v1beta2"_s};
        QTest::newRow("major wins") << QStringList{u"v1"_s, u"v2"_s, u"v2beta2"_s} << QStringList{u"v2"_s, u"v1"_s, u"v2beta2"_s};
        QTest::newRow("alpha last") << QStringList{u"v1alpha1"_s, u"v1beta1"_s, u"v10"_s, u"foo"_s}
                                    << QStringList{u"v10"_s, u"v1beta1"_s, u"v1alpha1"_s, u"foo"_s};
    }

    void versionPriority()
    {
        QFETCH(QStringList, versions);
        QFETCH(QStringList, preferredFirst);
        std::sort(versions.begin(), versions.end(), [](const QString &a, const QString &b) {
            return KubeResourceRegistry::versionLess(a, b);
        });
        QCOMPARE(versions, preferredFirst);
    }

    void customResourceDefinitionObjects()
    {
        const KubeResourceType *type = KubeResourceRegistry::instance().find(u"helm.toolkit.fluxcd.io", u"helmreleases");
        const QJsonObject crd = KubeResourceRegistry::customResourceDefinition(*type, u"2026-11-01T09:00:00Z"_s);
        QCOMPARE(crd.value(u"metadata").toObject().value(u"name").toString(), u"helmreleases.helm.toolkit.fluxcd.io"_s);
        const QJsonObject spec = crd.value(u"spec").toObject();
        QCOMPARE(spec.value(u"scope").toString(), u"Namespaced"_s);
        QCOMPARE(spec.value(u"names").toObject().value(u"shortNames").toArray(), QJsonArray{u"hr"_s});
        const QJsonArray versions = spec.value(u"versions").toArray();
        QCOMPARE(versions.size(), 2);
        const QJsonObject v2beta2 = versions.at(1).toObject();
        QCOMPARE(v2beta2.value(u"deprecated").toBool(), true);
        QCOMPARE(v2beta2.value(u"served").toBool(), true);
        QCOMPARE(v2beta2.value(u"storage").toBool(), false);
        QCOMPARE(v2beta2.value(u"schema").toObject().value(u"openAPIV3Schema").toObject(),
                 (QJsonObject{{u"type"_s, u"object"_s}, {u"x-kubernetes-preserve-unknown-fields"_s, true}}));
        QCOMPARE(versions.at(0).toObject().value(u"additionalPrinterColumns").toArray().size(), 3);
        QStringList conditions;
        for (const QJsonValue &c : crd.value(u"status").toObject().value(u"conditions").toArray())
            conditions.append(c.toObject().value(u"type").toString() + u'=' + c.toObject().value(u"status").toString());
        QCOMPARE(conditions, (QStringList{u"NamesAccepted=True"_s, u"Established=True"_s}));
        QCOMPARE(crd.value(u"status").toObject().value(u"storedVersions").toArray(), QJsonArray{u"v2"_s});
    }

    void discoveryDocuments()
    {
        const KubeResourceRegistry &registry = KubeResourceRegistry::instance();
        QCOMPARE(registry.groupVersions(u"notification.toolkit.fluxcd.io"_s),
                 (QStringList{u"v1"_s, u"v1beta3"_s, u"v1beta2"_s}));
        QVERIFY(!registry.apiResourceList(u"kustomize.toolkit.fluxcd.io"_s, u"v1beta1"_s));
        const auto v1beta3 = registry.apiResourceList(u"notification.toolkit.fluxcd.io"_s, u"v1beta3"_s);
        QVERIFY(v1beta3);
        QCOMPARE(v1beta3->value(u"resources").toArray().size(), 2);   // alerts, providers: no status subresource
        QVERIFY(registry.forApiVersion(u"apps/v1"_s, u"Deployment"_s));
        QVERIFY(!registry.forApiVersion(u"apps/v1beta1"_s, u"Deployment"_s));
        QVERIFY(registry.forApiVersion(u"v1"_s, u"Pod"_s)->logSubresource);
    }
};

QTEST_GUILESS_MAIN(TestKubeResourceRegistry)
#include "tst_kuberesourceregistry.moc"
