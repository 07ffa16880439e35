#include "extension/extensionsetting.h"
#include "extension/fluxrelease.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Fluxdeck::Sandbox;

namespace {

using Type = ExtensionSetting::Type;

QString referenceFile(const QString &name)
{
    const QDir here = QFileInfo(QString::fromUtf8(__FILE__)).absoluteDir();
    return QDir::cleanPath(here.filePath(u"../../../../shared/reference/azure/"_s % name));
}

QString typeName(Type type)
{
    switch (type) {
    case Type::Boolean:
        return u"boolean"_s;
    case Type::Choice:
        return u"choice"_s;
    case Type::Integer:
        return u"integer"_s;
    case Type::Duration:
        return u"duration"_s;
    case Type::Quantity:
        return u"quantity"_s;
    case Type::Guid:
        return u"guid"_s;
    case Type::Text:
        return u"text"_s;
    }
    return {};
}

// One setting as FLUX-EXTENSION-SETTINGS.md describes it, read the way a person reads the table.
struct ReferenceSetting
{
    QString key;
    QString type;
    QStringList allowedValues;
    int minimum = -1; // -1: the table states no range
    int maximum = -1;
    QString defaultValue;
    QString minimumVersion;
    QString arcMinimumVersion;
};

QStringList backticked(const QString &text)
{
    static const QRegularExpression code(u"`([^`]*)`"_s);
    QStringList tokens;
    for (const QRegularExpressionMatch &match : code.globalMatch(text))
        tokens.append(match.captured(1));
    return tokens;
}

// A resource default cell names values per group: "100m (helm/kustomize/notification/image-*), 50m
// (source)", "1Gi for Flux controllers; 150Mi for fluxconfig-agent/...".
QString resourceDefault(const QString &cell, const QString &controller)
{
    static const QRegularExpression segmentPattern(u"^\\s*(\\d+(?:m|Mi|Gi)?)\\s*(.*)$"_s);
    static const QRegularExpression separators(u"[;,]"_s);
    static const QRegularExpression group(u"\\(([^)]*)\\)"_s);
    const QString shortName = QString(controller).remove(u"-controller"_s);
    QString value;
    for (const QString &segment : cell.split(separators)) {
        const QRegularExpressionMatch match = segmentPattern.match(segment);
        if (!match.hasMatch())
            continue;
        const QString rest = match.captured(2);
        if (rest.contains(u"Flux controllers"_s) && value.isEmpty())
            value = match.captured(1);
        const QRegularExpressionMatch names = group.match(rest);
        if (!names.hasMatch())
            continue;
        for (const QString &name : names.captured(1).split(u'/')) {
            const QString trimmed = name.trimmed();
            if (trimmed == shortName || (trimmed == u"image-*" && shortName.startsWith(u"image-"_s)))
                value = match.captured(1);
        }
    }
    return value;
}

// The settings table of the reference, with <controller> expanded to the controllers it lists.
// Rows that name no key (settings the documentation describes without their key) are left out.
QList<ReferenceSetting> referenceSettings()
{
    QFile file(referenceFile(u"FLUX-EXTENSION-SETTINGS.md"_s));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    const QString text = QString::fromUtf8(file.readAll());
    const qsizetype start = text.indexOf(u"\n## Settings"_s);
    const qsizetype end = text.indexOf(u"\n### "_s, start);
    static const QRegularExpression cellSeparator(u"(?<!\\\\)\\|"_s);
    static const QRegularExpression singleKey(u"^`([^`]+)`$"_s);
    static const QRegularExpression version(u"\\d+\\.\\d+\\.\\d+"_s);
    static const QRegularExpression arcVersion(u"(\\d+\\.\\d+\\.\\d+) for Arc"_s);
    static const QRegularExpression range(u"\\((\\d+)\\x{2013}(\\d+)\\)"_s);

    QList<ReferenceSetting> settings;
    ReferenceSetting previous;
    QStringList controllers;
    for (const QString &line : text.mid(start, end - start).split(u'\n')) {
        if (!line.startsWith(u"| "_s) || line.startsWith(u"| Setting"_s) || line.startsWith(u"|---"_s))
            continue;
        const QStringList cells = line.split(cellSeparator);
        if (cells.size() < 6)
            continue;
        const QRegularExpressionMatch keyMatch = singleKey.match(cells.at(1).trimmed());
        if (!keyMatch.hasMatch())
            continue;
        const QString typeCell = cells.at(2).trimmed();
        const QString defaultCell = cells.at(3).trimmed();
        const QString versionCell = cells.at(4).trimmed();
        const QString meaningCell = cells.at(5).trimmed();

        ReferenceSetting setting;
        if (typeCell.startsWith(u"same as above"_s)) {
            setting.type = previous.type;
            setting.allowedValues = previous.allowedValues;
        } else if (typeCell.startsWith(u"bool"_s)) {
            setting.type = u"boolean"_s;
        } else if (typeCell.contains(u"\\|"_s)) {
            setting.type = u"choice"_s;
            setting.allowedValues = backticked(typeCell.section(u'(', 0, 0)); // "(no `debug`)" is not a value
        } else if (typeCell.contains(u"integer"_s)) {
            setting.type = u"integer"_s;
            if (const QRegularExpressionMatch bounds = range.match(typeCell); bounds.hasMatch()) {
                setting.minimum = bounds.captured(1).toInt();
                setting.maximum = bounds.captured(2).toInt();
            }
        } else if (typeCell.contains(u"Go duration"_s)) {
            setting.type = u"duration"_s;
        } else if (typeCell.contains(u"quantity"_s)) {
            setting.type = u"quantity"_s;
        } else if (typeCell.contains(u"GUID"_s)) {
            setting.type = u"guid"_s;
        } else {
            setting.type = u"text"_s;
        }

        if (versionCell.startsWith(u"same as above"_s)) {
            setting.minimumVersion = previous.minimumVersion;
            setting.arcMinimumVersion = previous.arcMinimumVersion;
        } else if (!versionCell.startsWith(u"\u2014"_s)) { // "—": documented without a version
            setting.minimumVersion = version.match(versionCell).captured();
            setting.arcMinimumVersion = arcVersion.match(versionCell).captured(1);
        }

        const QString key = keyMatch.captured(1);
        const qsizetype listed = meaningCell.indexOf(u"Controllers:"_s);
        if (listed >= 0) {
            controllers.clear();
            for (QString name : meaningCell.mid(listed + 12).split(u',')) {
                name = name.trimmed();
                if (name.endsWith(u'.'))
                    name.chop(1);
                controllers.append(name.endsWith(u'-') ? name % u"controller"_s : name);
            }
        }
        const QStringList tokens = backticked(defaultCell);
        if (key.startsWith(u"<controller>"_s)) {
            for (const QString &controller : std::as_const(controllers)) {
                ReferenceSetting expanded = setting;
                expanded.key = QString(key).replace(u"<controller>"_s, controller);
                expanded.defaultValue = resourceDefault(defaultCell, controller);
                settings.append(expanded);
            }
        } else {
            setting.key = key;
            if (!tokens.isEmpty())
                setting.defaultValue = tokens.constFirst();
            else if (defaultCell.startsWith(u"not set (false)"_s))
                setting.defaultValue = u"false"_s;
            settings.append(setting);
        }
        previous = setting;
    }
    return settings;
}

QJsonObject json(const QString &text)
{
    return text.isEmpty() ? QJsonObject() : QJsonDocument::fromJson(text.toUtf8()).object();
}

} // namespace

class TestExtensionSetting : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void catalogueMatchesReference_data();
    void catalogueMatchesReference();
    void catalogueHasNothingBeyondReference();
    void catalogueKeysAreUnique();
    void minimumVersionsAreReleases();
    void acceptsValidSettings_data();
    void acceptsValidSettings();
    void refusesInvalidSettings_data();
    void refusesInvalidSettings();
    void effectiveValue_data();
    void effectiveValue();
};

void TestExtensionSetting::catalogueMatchesReference_data()
{
    const QList<ReferenceSetting> reference = referenceSettings();
    if (reference.isEmpty())
        QSKIP("shared/reference/azure/FLUX-EXTENSION-SETTINGS.md is not beside the repository");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QStringList>("allowedValues");
    QTest::addColumn<int>("minimum");
    QTest::addColumn<int>("maximum");
    QTest::addColumn<QString>("defaultValue");
    QTest::addColumn<QString>("minimumVersion");
    QTest::addColumn<QString>("arcMinimumVersion");
    for (const ReferenceSetting &setting : reference) {
        QTest::newRow(qPrintable(setting.key))
            << setting.key << setting.type << setting.allowedValues << setting.minimum << setting.maximum
            << setting.defaultValue << setting.minimumVersion << setting.arcMinimumVersion;
    }
}

void TestExtensionSetting::catalogueMatchesReference()
{
    QFETCH(QString, key);
    QFETCH(QString, type);
    QFETCH(QStringList, allowedValues);
    QFETCH(int, minimum);
    QFETCH(int, maximum);
    QFETCH(QString, defaultValue);
    QFETCH(QString, minimumVersion);
    QFETCH(QString, arcMinimumVersion);

    const ExtensionSetting *setting = findFluxExtensionSetting(key);
    QVERIFY2(setting, qPrintable(u"not in fluxExtensionSettings(): "_s % key));
    QCOMPARE(setting->key, key);
    QCOMPARE(typeName(setting->type), type);
    QCOMPARE(setting->allowedValues, allowedValues);
    if (minimum >= 0) {
        QCOMPARE(setting->minimum, minimum);
        QCOMPARE(setting->maximum, maximum);
    }
    QCOMPARE(setting->defaultValue, defaultValue);
    QCOMPARE(setting->minimumVersion, minimumVersion);
    QCOMPARE(setting->arcMinimumVersion, arcMinimumVersion);
    QVERIFY(!setting->description.isEmpty());
}

void TestExtensionSetting::catalogueHasNothingBeyondReference()
{
    const QList<ReferenceSetting> reference = referenceSettings();
    if (reference.isEmpty())
        QSKIP("shared/reference/azure/FLUX-EXTENSION-SETTINGS.md is not beside the repository");
    QStringList expected;
    for (const ReferenceSetting &setting : reference)
        expected.append(setting.key);
    QStringList actual;
    for (const ExtensionSetting &setting : fluxExtensionSettings())
        actual.append(setting.key);
    expected.sort();
    actual.sort();
    QCOMPARE(actual, expected);
}

void TestExtensionSetting::catalogueKeysAreUnique()
{
    QSet<QString> keys;
    for (const ExtensionSetting &setting : fluxExtensionSettings()) {
        QVERIFY2(!keys.contains(setting.key), qPrintable(setting.key));
        keys.insert(setting.key);
    }
    QCOMPARE(keys.size(), 54);
}

void TestExtensionSetting::minimumVersionsAreReleases()
{
    for (const ExtensionSetting &setting : fluxExtensionSettings()) {
        for (const QString &version : {setting.minimumVersion, setting.arcMinimumVersion}) {
            if (!version.isEmpty())
                QVERIFY2(findFluxRelease(version), qPrintable(setting.key % u": "_s % version));
        }
    }
}

void TestExtensionSetting::acceptsValidSettings_data()
{
    QTest::addColumn<QString>("settings");
    QTest::addColumn<QString>("protectedSettings");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("architecture");
    QTest::addColumn<bool>("aks");

    const QString latest = latestFluxExtensionVersion();
    QTest::newRow("nothing set") << QString() << QString() << latest << u"amd64"_s << true;
    QTest::newRow("empty version means the latest") << uR"({"kustomize-controller.strict-substitution-mode":"true"})"_s
                                                    << QString() << QString() << u"amd64"_s << true;
    QTest::newRow("oldest release, no settings") << QString() << QString() << u"1.6.0"_s << u"amd64"_s << true;
    QTest::newRow("controller toggles")
        << uR"({"image-automation-controller.enabled":"true","image-reflector-controller.enabled":"true",
                "notification-controller.enabled":"false","helm-controller.enabled":"false"})"_s
        << QString() << latest << u"amd64"_s << true;
    QTest::newRow("booleans in any case, as Helm reads them")
        << uR"({"multiTenancy.enforce":"False","source-controller.enabled":"TRUE"})"_s << QString() << latest
        << u"amd64"_s << true;
    QTest::newRow("debug log levels")
        << uR"({"source-controller.log-level":"debug","helm-controller.log-level":"error",
                "fluxconfig-agent.log-level":"error","fluxconfig-controller.log-level":"info"})"_s
        << QString() << latest << u"amd64"_s << true;
    QTest::newRow("OOM watch at the bounds")
        << uR"({"helm-controller.outOfMemoryWatch.enabled":"true",
                "helm-controller.outOfMemoryWatch.memoryThreshold":"100",
                "helm-controller.outOfMemoryWatch.interval":"700ms"})"_s
        << QString() << u"1.7.5"_s << u"amd64"_s << true;
    QTest::newRow("threshold 1") << uR"({"helm-controller.outOfMemoryWatch.memoryThreshold":"1"})"_s << QString()
                                 << latest << u"amd64"_s << true;
    QTest::newRow("quantities")
        << uR"({"kustomize-controller.resources.limits.memory":"1.5Gi",
                "kustomize-controller.resources.limits.cpu":"2",
                "kustomize-controller.resources.requests.memory":"128974848",
                "kustomize-controller.resources.requests.cpu":"0.5",
                "helm-controller.resources.limits.memory":"2e9",
                "helm-controller.resources.requests.memory":"300M"})"_s
        << QString() << u"1.12.0"_s << u"amd64"_s << true;
    QTest::newRow("durations")
        << uR"({"kustomize-controller.requeue-dependency":"1m30s",
                "helm-controller.outOfMemoryWatch.interval":"1.5s"})"_s
        << QString() << latest << u"amd64"_s << true;
    QTest::newRow("concurrency") << uR"({"kustomize-controller.concurrent":"20"})"_s << QString() << latest
                                 << u"amd64"_s << true;
    QTest::newRow("request above limit of a disabled controller")
        << uR"({"image-automation-controller.resources.requests.memory":"4Gi"})"_s << QString() << latest << u"amd64"_s
        << true;
    QTest::newRow("workload identity on AKS from 1.8.0")
        << uR"({"workloadIdentity.enable":"true",
                "workloadIdentity.azureClientId":"4b7a1c2d-3e4f-5a6b-7c8d-9e0f1a2b3c4d"})"_s
        << QString() << u"1.8.0"_s << u"amd64"_s << true;
    QTest::newRow("workload identity on Arc from 1.15.1")
        << uR"({"workloadIdentity.enable":"true",
                "workloadIdentity.azureClientId":"4b7a1c2d-3e4f-5a6b-7c8d-9e0f1a2b3c4d"})"_s
        << QString() << u"1.15.1"_s << u"amd64"_s << false;
    QTest::newRow("client id in protected settings")
        << uR"({"workloadIdentity.enable":"true"})"_s
        << uR"({"workloadIdentity.azureClientId":"4B7A1C2D-3E4F-5A6B-7C8D-9E0F1A2B3C4D",
                "workloadIdentity.azureTenantId":"0f9e8d7c-6b5a-4c3d-2e1f-a0b1c2d3e4f5"})"_s
        << latest << u"amd64"_s << true;
    QTest::newRow("arm64 from 1.7.0") << QString() << QString() << u"1.7.0"_s << u"arm64"_s << true;
    QTest::newRow("architecture left empty counts as amd64") << QString() << QString() << u"1.6.0"_s << QString()
                                                             << false;
    QTest::newRow("kubelet identity from 1.6.1") << uR"({"useKubeletIdentity":"true"})"_s << QString() << u"1.6.1"_s
                                                 << u"amd64"_s << true;
    QTest::newRow("SSH host key arguments")
        << uR"({"source-controller.ssh-host-key-args":"--ssh-hostkey-algos=rsa-sha2-512,rsa-sha2-256"})"_s
        << QString() << u"1.9.1"_s << u"amd64"_s << true;
    QTest::newRow("FQDN annotation from 1.11.1") << uR"({"setKubeServiceHostFqdn":"true"})"_s << QString()
                                                 << u"1.11.1"_s << u"amd64"_s << true;
}

void TestExtensionSetting::acceptsValidSettings()
{
    QFETCH(QString, settings);
    QFETCH(QString, protectedSettings);
    QFETCH(QString, version);
    QFETCH(QString, architecture);
    QFETCH(bool, aks);
    QVERIFY(settings.isEmpty() || !json(settings).isEmpty());
    const auto result = validateFluxSettings(json(settings), json(protectedSettings), version, {architecture, aks});
    QVERIFY2(result.has_value(), qPrintable(result ? QString() : result.error().message));
}

void TestExtensionSetting::refusesInvalidSettings_data()
{
    QTest::addColumn<QString>("settings");
    QTest::addColumn<QString>("protectedSettings");
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("architecture");
    QTest::addColumn<bool>("aks");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("detail");

    const QString latest = latestFluxExtensionVersion();
    const QString aksCluster = u"amd64"_s;

    // Unknown keys, with the closest known key suggested.
    QTest::newRow("misspelt key") << uR"({"helm-controler.enabled":"true"})"_s << QString() << latest << aksCluster
                                  << true
                                  << u"Setting 'helm-controler.enabled' is not a microsoft.flux configuration setting. "
                                     "Did you mean 'helm-controller.enabled'?"_s
                                  << u"helm-controler.enabled"_s;
    QTest::newRow("wrong case") << uR"({"multitenancy.enforce":"false"})"_s << QString() << latest << aksCluster << true
                                << u"Setting 'multitenancy.enforce' is not a microsoft.flux configuration setting. "
                                   "Did you mean 'multiTenancy.enforce'?"_s
                                << u"multitenancy.enforce"_s;
    QTest::newRow("camel case instead of dashes")
        << uR"({"sourceController.logLevel":"info"})"_s << QString() << latest << aksCluster << true
        << u"Setting 'sourceController.logLevel' is not a microsoft.flux configuration setting. Did you mean "
           "'source-controller.log-level'?"_s
        << u"sourceController.logLevel"_s;
    QTest::newRow("undocumented Helm cache key")
        << uR"({"source-controller.helm-cache-max-size":"10"})"_s << QString() << latest << aksCluster << true
        << u"Setting 'source-controller.helm-cache-max-size' is not a microsoft.flux configuration setting."_s
        << u"source-controller.helm-cache-max-size"_s;
    QTest::newRow("unknown protected key")
        << QString() << uR"({"workloadIdentity.clientId":"x"})"_s << latest << aksCluster << true
        << u"Protected setting 'workloadIdentity.clientId' is not a microsoft.flux configuration setting. Did you "
           "mean 'workloadIdentity.azureClientId'?"_s
        << u"workloadIdentity.clientId"_s;

    // Values of the wrong form.
    QTest::newRow("yes for a bool") << uR"({"source-controller.enabled":"yes"})"_s << QString() << latest
                                    << aksCluster << true
                                    << u"Setting 'source-controller.enabled' must be 'true' or 'false', not 'yes'."_s
                                    << u"source-controller.enabled"_s;
    QTest::newRow("1 for a bool") << uR"({"multiTenancy.enforce":"1"})"_s << QString() << latest << aksCluster << true
                                  << u"Setting 'multiTenancy.enforce' must be 'true' or 'false', not '1'."_s
                                  << u"multiTenancy.enforce"_s;
    QTest::newRow("JSON bool instead of a string")
        << uR"({"source-controller.enabled":true})"_s << QString() << latest << aksCluster << true
        << u"Setting 'source-controller.enabled' must be given as a string"_s << u"source-controller.enabled"_s;
    QTest::newRow("trace log level") << uR"({"kustomize-controller.log-level":"trace"})"_s << QString() << latest
                                     << aksCluster << true
                                     << u"Setting 'kustomize-controller.log-level' must be 'info', 'error' or "
                                        "'debug', not 'trace'."_s
                                     << u"kustomize-controller.log-level"_s;
    QTest::newRow("debug for fluxconfig-agent")
        << uR"({"fluxconfig-agent.log-level":"debug"})"_s << QString() << latest << aksCluster << true
        << u"Setting 'fluxconfig-agent.log-level' must be 'info' or 'error', not 'debug'."_s
        << u"fluxconfig-agent.log-level"_s;
    QTest::newRow("debug for fluxconfig-controller")
        << uR"({"fluxconfig-controller.log-level":"debug"})"_s << QString() << latest << aksCluster << true
        << u"Setting 'fluxconfig-controller.log-level' must be 'info' or 'error', not 'debug'."_s
        << u"fluxconfig-controller.log-level"_s;
    const QString threshold = u"helm-controller.outOfMemoryWatch.memoryThreshold"_s;
    for (const QString &value : {u"0"_s, u"101"_s, u"-5"_s, u"95%"_s, u"9.5"_s}) {
        QTest::addRow("memoryThreshold %s", qPrintable(value))
            << QString(u"{\""_s % threshold % u"\":\""_s % value % u"\"}"_s) << QString() << latest << aksCluster
            << true
            << QString(u"Setting '"_s % threshold % u"' must be a whole number from 1 to 100, not '"_s % value
                       % u"'."_s)
            << threshold;
    }
    QTest::newRow("zero concurrency") << uR"({"kustomize-controller.concurrent":"0"})"_s << QString() << latest
                                      << aksCluster << true
                                      << u"Setting 'kustomize-controller.concurrent' must be a whole number of at "
                                         "least 1, not '0'."_s
                                      << u"kustomize-controller.concurrent"_s;
    QTest::newRow("word for concurrency") << uR"({"kustomize-controller.concurrent":"four"})"_s << QString() << latest
                                          << aksCluster << true << u"not 'four'."_s
                                          << u"kustomize-controller.concurrent"_s;
    QTest::newRow("GB is not a quantity suffix")
        << uR"({"helm-controller.resources.limits.memory":"2GB"})"_s << QString() << latest << aksCluster << true
        << u"Setting 'helm-controller.resources.limits.memory' must be a Kubernetes quantity such as '512Mi', '2Gi' "
           "or '500m', not '2GB'."_s
        << u"helm-controller.resources.limits.memory"_s;
    QTest::newRow("two dots in a quantity") << uR"({"source-controller.resources.limits.cpu":"1.5.0"})"_s << QString()
                                            << latest << aksCluster << true << u"must be a Kubernetes quantity"_s
                                            << u"source-controller.resources.limits.cpu"_s;
    QTest::newRow("negative quantity")
        << uR"({"source-controller.resources.requests.memory":"-64Mi"})"_s << QString() << latest << aksCluster
        << true << u"Setting 'source-controller.resources.requests.memory' must not be negative, not '-64Mi'."_s
        << u"source-controller.resources.requests.memory"_s;
    QTest::newRow("duration in words")
        << uR"({"kustomize-controller.requeue-dependency":"5 seconds"})"_s << QString() << latest << aksCluster << true
        << u"Setting 'kustomize-controller.requeue-dependency' must be a Go duration such as '500ms', '30s' or "
           "'1m30s', not '5 seconds'."_s
        << u"kustomize-controller.requeue-dependency"_s;
    QTest::newRow("duration without unit") << uR"({"helm-controller.outOfMemoryWatch.interval":"500"})"_s << QString()
                                           << latest << aksCluster << true << u"must be a Go duration"_s
                                           << u"helm-controller.outOfMemoryWatch.interval"_s;
    QTest::newRow("duration of zero") << uR"({"helm-controller.outOfMemoryWatch.interval":"0s"})"_s << QString()
                                      << latest << aksCluster << true
                                      << u"must be a duration longer than zero such as '500ms'"_s
                                      << u"helm-controller.outOfMemoryWatch.interval"_s;
    QTest::newRow("negative duration") << uR"({"kustomize-controller.requeue-dependency":"-30s"})"_s << QString()
                                       << latest << aksCluster << true << u"must be a duration longer than zero"_s
                                       << u"kustomize-controller.requeue-dependency"_s;
    QTest::newRow("client id not a GUID")
        << uR"({"workloadIdentity.enable":"true","workloadIdentity.azureClientId":"my-identity"})"_s << QString()
        << latest << aksCluster << true
        << u"Setting 'workloadIdentity.azureClientId' must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx), not "
           "'my-identity'."_s
        << u"workloadIdentity.azureClientId"_s;
    QTest::newRow("protected tenant not a GUID")
        << QString() << uR"({"workloadIdentity.azureTenantId":"contoso.onmicrosoft.com"})"_s << latest << aksCluster
        << true << u"Protected setting 'workloadIdentity.azureTenantId' must be a GUID"_s
        << u"workloadIdentity.azureTenantId"_s;

    // Settings newer than the target version.
    QTest::newRow("detectDrift before 1.7.5")
        << uR"({"helm-controller.detectDrift":"true"})"_s << QString() << u"1.7.3"_s << aksCluster << true
        << u"Setting 'helm-controller.detectDrift' needs microsoft.flux 1.7.5 or later; the target version is "
           "1.7.3."_s
        << u"helm-controller.detectDrift"_s;
    QTest::newRow("Flux log level before 1.8.3")
        << uR"({"source-controller.log-level":"info"})"_s << QString() << u"1.8.2"_s << aksCluster << true
        << u"Setting 'source-controller.log-level' needs microsoft.flux 1.8.3 or later; the target version is "
           "1.8.2."_s
        << u"source-controller.log-level"_s;
    QTest::newRow("agent log level before 1.9.1")
        << uR"({"fluxconfig-agent.log-level":"error"})"_s << QString() << u"1.8.4"_s << aksCluster << true
        << u"needs microsoft.flux 1.9.1 or later; the target version is 1.8.4."_s << u"fluxconfig-agent.log-level"_s;
    QTest::newRow("kubelet identity on 1.6.0") << uR"({"useKubeletIdentity":"true"})"_s << QString() << u"1.6.0"_s
                                               << aksCluster << true << u"needs microsoft.flux 1.6.1 or later"_s
                                               << u"useKubeletIdentity"_s;
    QTest::newRow("resources before 1.12.0")
        << uR"({"kustomize-controller.resources.limits.memory":"2Gi"})"_s << QString() << u"1.11.1"_s << aksCluster
        << true << u"needs microsoft.flux 1.12.0 or later; the target version is 1.11.1."_s
        << u"kustomize-controller.resources.limits.memory"_s;
    QTest::newRow("strict substitution on 1.13.0")
        << uR"({"kustomize-controller.strict-substitution-mode":"true"})"_s << QString() << u"1.13.0"_s << aksCluster
        << true << u"needs microsoft.flux 1.13.1 or later"_s << u"kustomize-controller.strict-substitution-mode"_s;
    QTest::newRow("workload identity on AKS before 1.8.0")
        << uR"({"workloadIdentity.enable":"true",
                "workloadIdentity.azureClientId":"4b7a1c2d-3e4f-5a6b-7c8d-9e0f1a2b3c4d"})"_s
        << QString() << u"1.7.8"_s << aksCluster << true
        << u"Setting 'workloadIdentity.enable' needs microsoft.flux 1.8.0 or later on AKS clusters; the target "
           "version is 1.7.8."_s
        << u"workloadIdentity.azureClientId, workloadIdentity.enable"_s;
    QTest::newRow("workload identity on Arc before 1.15.1")
        << uR"({"workloadIdentity.enable":"true",
                "workloadIdentity.azureClientId":"4b7a1c2d-3e4f-5a6b-7c8d-9e0f1a2b3c4d"})"_s
        << QString() << u"1.14.1"_s << aksCluster << false
        << u"Setting 'workloadIdentity.enable' needs microsoft.flux 1.15.1 or later on Arc-enabled clusters; the "
           "target version is 1.14.1."_s
        << u"workloadIdentity.azureClientId, workloadIdentity.enable"_s;
    QTest::newRow("tenant id before 1.16.1")
        << uR"({"workloadIdentity.azureTenantId":"0f9e8d7c-6b5a-4c3d-2e1f-a0b1c2d3e4f5"})"_s << QString()
        << u"1.15.2"_s << aksCluster << true << u"needs microsoft.flux 1.16.1 or later"_s
        << u"workloadIdentity.azureTenantId"_s;

    // The version and the cluster.
    QTest::newRow("version that does not exist")
        << QString() << QString() << u"1.17.0"_s << aksCluster << true
        << u"microsoft.flux has no version '1.17.0'. Available versions: 1.6.0, 1.6.1,"_s << u"version"_s;
    QTest::newRow("arm64 before 1.7.0") << QString() << QString() << u"1.6.4"_s << u"arm64"_s << false
                                        << u"Clusters with arm64 nodes need microsoft.flux 1.7.0 or later; the target "
                                           "version is 1.6.4."_s
                                        << QString();
    QTest::newRow("unsupported architecture") << QString() << QString() << latest << u"s390x"_s << false
                                              << u"microsoft.flux runs on amd64 and arm64 nodes, not 's390x'."_s
                                              << QString();

    // Combinations.
    QTest::newRow("workload identity without client id")
        << uR"({"workloadIdentity.enable":"true"})"_s << QString() << latest << aksCluster << true
        << u"Setting 'workloadIdentity.enable' is 'true' but 'workloadIdentity.azureClientId' is not set"_s
        << u"workloadIdentity.azureClientId"_s;
    QTest::newRow("request above the default limit")
        << uR"({"kustomize-controller.resources.requests.memory":"2Gi"})"_s << QString() << latest << aksCluster
        << true
        << u"kustomize-controller would request more memory (2Gi) than its limit (1Gi): "
           "'kustomize-controller.resources.requests.memory' must not exceed "
           "'kustomize-controller.resources.limits.memory'."_s
        << u"kustomize-controller.resources.requests.memory"_s;
    QTest::newRow("limit below the default request")
        << uR"({"source-controller.resources.limits.cpu":"20m"})"_s << QString() << latest << aksCluster << true
        << u"source-controller would request more cpu (50m) than its limit (20m)"_s
        << u"source-controller.resources.requests.cpu"_s;
    QTest::newRow("every problem reported at once")
        << uR"({"source-controller.enabled":"yes","helm-controller.log-level":"trace"})"_s << QString() << latest
        << aksCluster << true
        << u"Setting 'helm-controller.log-level' must be 'info', 'error' or 'debug', not 'trace'. Setting "
           "'source-controller.enabled' must be 'true' or 'false', not 'yes'."_s
        << u"helm-controller.log-level, source-controller.enabled"_s;
}

void TestExtensionSetting::refusesInvalidSettings()
{
    QFETCH(QString, settings);
    QFETCH(QString, protectedSettings);
    QFETCH(QString, version);
    QFETCH(QString, architecture);
    QFETCH(bool, aks);
    QFETCH(QString, message);
    QFETCH(QString, detail);
    QVERIFY(settings.isEmpty() || !json(settings).isEmpty());
    const auto result = validateFluxSettings(json(settings), json(protectedSettings), version, {architecture, aks});
    QVERIFY(!result.has_value());
    QVERIFY2(result.error().message.contains(message), qPrintable(result.error().message));
    QCOMPARE(result.error().detail, detail);
}

void TestExtensionSetting::effectiveValue_data()
{
    QTest::addColumn<QString>("settings");
    QTest::addColumn<QString>("protectedSettings");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::newRow("default when absent") << QString() << QString() << u"helm-controller.outOfMemoryWatch.interval"_s
                                         << u"500ms"_s;
    QTest::newRow("image controllers off by default") << QString() << QString()
                                                      << u"image-reflector-controller.enabled"_s << u"false"_s;
    QTest::newRow("per-controller CPU request") << QString() << QString()
                                                << u"source-controller.resources.requests.cpu"_s << u"50m"_s;
    QTest::newRow("set value") << uR"({"kustomize-controller.concurrent":"12"})"_s << QString()
                               << u"kustomize-controller.concurrent"_s << u"12"_s;
    QTest::newRow("protected wins") << uR"({"kustomize-controller.concurrent":"12"})"_s
                                    << uR"({"kustomize-controller.concurrent":"8"})"_s
                                    << u"kustomize-controller.concurrent"_s << u"8"_s;
    QTest::newRow("booleans lower-cased") << uR"({"multiTenancy.enforce":"FALSE"})"_s << QString()
                                          << u"multiTenancy.enforce"_s << u"false"_s;
    QTest::newRow("no default") << QString() << QString() << u"workloadIdentity.azureClientId"_s << QString();
}

void TestExtensionSetting::effectiveValue()
{
    QFETCH(QString, settings);
    QFETCH(QString, protectedSettings);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QCOMPARE(effectiveFluxSetting(json(settings), json(protectedSettings), key), value);
}

QTEST_GUILESS_MAIN(TestExtensionSetting)
#include "tst_extensionsetting.moc"
