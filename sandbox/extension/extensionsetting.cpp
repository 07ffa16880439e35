#include "extensionsetting.h"

#include "fluxrelease.h"

#include <QJsonValue>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <optional>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

using Type = ExtensionSetting::Type;

ExtensionSetting boolean(const QString &key, const QString &defaultValue, const QString &minimumVersion,
                         const QString &description)
{
    return {key, Type::Boolean, {}, 0, 0, defaultValue, minimumVersion, {}, description};
}

ExtensionSetting logLevel(const QString &component, const QStringList &levels, const QString &minimumVersion)
{
    return {component % u".log-level"_s, Type::Choice, levels, 0, 0, u"info"_s, minimumVersion, {},
            u"How much "_s % component % u" logs."_s};
}

// Flux controllers' resources: upstream's defaults, which the extension keeps.
QList<ExtensionSetting> resourceSettings(FluxController controller)
{
    const QString name = fluxControllerName(controller);
    const QString prefix = name % u".resources."_s;
    const QString version = u"1.12.0"_s;
    // source-controller asks for less CPU: it mostly waits on the network.
    const QString cpuRequest = controller == FluxController::Source ? u"50m"_s : u"100m"_s;
    return {
        {prefix % u"limits.memory"_s, Type::Quantity, {}, 0, 0, u"1Gi"_s, version, {},
         u"Memory limit of "_s % name % u"; the pod is OOM-killed above it."_s},
        {prefix % u"limits.cpu"_s, Type::Quantity, {}, 0, 0, u"1000m"_s, version, {},
         u"CPU limit of "_s % name % u"."_s},
        {prefix % u"requests.memory"_s, Type::Quantity, {}, 0, 0, u"64Mi"_s, version, {},
         u"Memory the scheduler reserves for "_s % name % u"."_s},
        {prefix % u"requests.cpu"_s, Type::Quantity, {}, 0, 0, cpuRequest, version, {},
         u"CPU the scheduler reserves for "_s % name % u"."_s},
    };
}

QList<ExtensionSetting> buildCatalogue()
{
    QList<ExtensionSetting> settings{
        boolean(u"source-controller.enabled"_s, u"true"_s, {}, u"Deploys source-controller."_s),
        boolean(u"helm-controller.enabled"_s, u"true"_s, {}, u"Deploys helm-controller."_s),
        boolean(u"kustomize-controller.enabled"_s, u"true"_s, {}, u"Deploys kustomize-controller."_s),
        boolean(u"notification-controller.enabled"_s, u"true"_s, {},
                u"Deploys notification-controller; without it Flux sends no events."_s),
        boolean(u"image-automation-controller.enabled"_s, u"false"_s, {},
                u"Deploys image-automation-controller, which commits new image tags to Git."_s),
        boolean(u"image-reflector-controller.enabled"_s, u"false"_s, {},
                u"Deploys image-reflector-controller, which lists the tags of image repositories."_s),
        boolean(u"multiTenancy.enforce"_s, u"true"_s, {},
                u"Applies each namespace's objects as its flux-applier service account and refuses "
                "cross-namespace source references."_s),
        boolean(u"useKubeletIdentity"_s, u"false"_s, u"1.6.1"_s,
                u"On AKS, lets the Flux controllers sign in with the cluster's kubelet managed identity."_s),
        boolean(u"helm-controller.detectDrift"_s, u"false"_s, u"1.7.5"_s,
                u"Makes helm-controller detect and undo changes made to Helm releases in the cluster."_s),
        boolean(u"helm-controller.outOfMemoryWatch.enabled"_s, u"false"_s, u"1.7.5"_s,
                u"Makes helm-controller stop gracefully when it nears its memory limit."_s),
        {u"helm-controller.outOfMemoryWatch.memoryThreshold"_s, Type::Integer, {}, 1, 100, u"95"_s, u"1.7.5"_s, {},
         u"Percentage of the memory limit at which the watch stops helm-controller."_s},
        {u"helm-controller.outOfMemoryWatch.interval"_s, Type::Duration, {}, 0, 0, u"500ms"_s, u"1.7.5"_s, {},
         u"How often helm-controller's memory use is sampled."_s},
    };
    const QStringList fluxLevels{u"info"_s, u"error"_s, u"debug"_s};
    for (FluxController controller : fluxControllers())
        settings.append(logLevel(fluxControllerName(controller), fluxLevels, u"1.8.3"_s));
    // Azure's own agents have no debug level.
    settings.append(logLevel(u"fluxconfig-agent"_s, {u"info"_s, u"error"_s}, u"1.9.1"_s));
    settings.append(logLevel(u"fluxconfig-controller"_s, {u"info"_s, u"error"_s}, u"1.9.1"_s));
    for (const QString &component : {u"source-controller"_s, u"image-automation-controller"_s})
        settings.append({component % u".ssh-host-key-args"_s, Type::Text, {}, 0, 0, {}, u"1.9.1"_s, {},
                         u"Extra arguments for "_s % component
                             % u"'s SSH client, such as --ssh-hostkey-algos=rsa-sha2-512,rsa-sha2-256."_s});
    settings.append(boolean(u"setKubeServiceHostFqdn"_s, u"false"_s, u"1.11.1"_s,
                            u"Makes Flux pods reach the API server by its FQDN, through an L7 firewall."_s));
    // Workload identity came to AKS with 1.8.0 and to Arc-enabled clusters with 1.15.1.
    settings.append({u"workloadIdentity.enable"_s, Type::Boolean, {}, 0, 0, u"false"_s, u"1.8.0"_s, u"1.15.1"_s,
                     u"Lets the Flux controllers sign in with Microsoft Entra workload identity."_s});
    settings.append({u"workloadIdentity.azureClientId"_s, Type::Guid, {}, 0, 0, {}, u"1.8.0"_s, u"1.15.1"_s,
                     u"Client id of the managed identity federated with the controllers' service accounts."_s});
    settings.append({u"workloadIdentity.azureTenantId"_s, Type::Guid, {}, 0, 0, {}, u"1.16.1"_s, {},
                     u"Tenant of that identity, when it is not the cluster's."_s});
    for (FluxController controller : fluxControllers())
        settings.append(resourceSettings(controller));
    settings.append({u"kustomize-controller.concurrent"_s, Type::Integer, {}, 1, 0, u"4"_s, u"1.12.0"_s, {},
                     u"How many Kustomizations kustomize-controller reconciles at once."_s});
    settings.append({u"kustomize-controller.requeue-dependency"_s, Type::Duration, {}, 0, 0, u"30s"_s, u"1.12.0"_s,
                     {}, u"How long a Kustomization waits before checking again on dependencies not ready."_s});
    settings.append(boolean(u"kustomize-controller.enable-in-memory-build"_s, u"false"_s, u"1.12.0"_s,
                            u"Builds kustomizations in memory: faster, but counts against the pod's memory."_s));
    settings.append(boolean(u"kustomize-controller.strict-substitution-mode"_s, u"false"_s, u"1.13.1"_s,
                            u"Fails post-build substitution when a variable has neither a value nor a default."_s));
    return settings;
}

// Values are checked the way the components that read them parse them: Helm takes booleans in
// any case, Kubernetes quantities and Go durations have their own grammars.

std::optional<double> quantityValue(QStringView text)
{
    static const QRegularExpression pattern(
        u"^([+-]?)(\\d+(?:\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\\d+)?$"_s);
    const QRegularExpressionMatch match = pattern.matchView(text);
    if (!match.hasMatch())
        return std::nullopt;
    double value = match.capturedView(2).toDouble();
    if (match.capturedView(1) == u"-")
        value = -value;
    const QStringView suffix = match.capturedView(3);
    if (suffix.isEmpty())
        return value;
    if (suffix.size() == 2 && suffix.at(1) == u'i') { // Ki, Mi, ...: powers of 1024
        const qsizetype power = QStringView(u"KMGTPE").indexOf(suffix.at(0)) + 1;
        return value * std::pow(1024.0, double(power));
    }
    if (suffix.size() == 1) { // n, u, m, k, M, ...: powers of 1000 around the blank
        const qsizetype power = QStringView(u"num kMGTPE").indexOf(suffix.at(0)) - 3;
        return value * std::pow(1000.0, double(power));
    }
    return value * std::pow(10.0, suffix.mid(1).toDouble()); // e3, E-2
}

// Go's time.ParseDuration, in nanoseconds.
std::optional<double> durationNanoseconds(QStringView text)
{
    // "ms" comes before "m": the first unit the text starts with wins.
    static const QList<std::pair<QStringView, double>> units{
        {u"ns", 1.0}, {u"us", 1e3}, {u"\u00b5s", 1e3}, {u"\u03bcs", 1e3}, {u"ms", 1e6},
        {u"s", 1e9},  {u"m", 60e9}, {u"h", 3600e9}};
    QStringView rest = text;
    double sign = 1.0;
    if (rest.startsWith(u'-') || rest.startsWith(u'+')) {
        sign = rest.startsWith(u'-') ? -1.0 : 1.0;
        rest = rest.mid(1);
    }
    if (rest == u"0")
        return 0.0;
    if (rest.isEmpty())
        return std::nullopt;
    double total = 0;
    while (!rest.isEmpty()) {
        qsizetype length = 0;
        const auto numeric = [](QChar c) { return (c >= u'0' && c <= u'9') || c == u'.'; };
        while (length < rest.size() && numeric(rest.at(length)))
            ++length;
        const QStringView number = rest.first(length);
        bool ok = false;
        const double value = number.toDouble(&ok);
        if (!ok || number.count(u'.') > 1)
            return std::nullopt;
        rest = rest.mid(length);
        const auto unit = std::find_if(units.cbegin(), units.cend(),
                                       [rest](const auto &candidate) { return rest.startsWith(candidate.first); });
        if (unit == units.cend())
            return std::nullopt;
        total += value * unit->second;
        rest = rest.mid(unit->first.size());
    }
    return sign * total;
}

bool isGuid(QStringView text)
{
    static const QRegularExpression pattern(u"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$"_s);
    return pattern.matchView(text).hasMatch();
}

qsizetype editDistance(QStringView left, QStringView right)
{
    QList<qsizetype> previous(right.size() + 1);
    for (qsizetype j = 0; j <= right.size(); ++j)
        previous[j] = j;
    for (qsizetype i = 1; i <= left.size(); ++i) {
        QList<qsizetype> current(right.size() + 1);
        current[0] = i;
        for (qsizetype j = 1; j <= right.size(); ++j) {
            const qsizetype substitution = previous[j - 1] + (left.at(i - 1) == right.at(j - 1) ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        previous = std::move(current);
    }
    return previous[right.size()];
}

QString closestKey(QStringView key)
{
    const QString folded = key.toString().toLower();
    QString best;
    qsizetype bestDistance = -1;
    for (const ExtensionSetting &setting : fluxExtensionSettings()) {
        const qsizetype distance = editDistance(folded, setting.key.toLower());
        if (bestDistance < 0 || distance < bestDistance) {
            best = setting.key;
            bestDistance = distance;
        }
    }
    return best;
}

QString quoted(const QStringList &values)
{
    QStringList parts;
    for (const QString &value : values)
        parts.append(u'\'' % value % u'\'');
    if (parts.size() < 2)
        return parts.join(QString());
    const QString last = parts.takeLast();
    return parts.join(u", "_s) % u" or "_s % last;
}

// Why `value` does not fit `setting`, or empty when it does.
QString valueProblem(const ExtensionSetting &setting, const QString &name, const QString &value)
{
    switch (setting.type) {
    case Type::Boolean:
        if (value.compare(u"true"_s, Qt::CaseInsensitive) == 0 || value.compare(u"false"_s, Qt::CaseInsensitive) == 0)
            return {};
        return name % u" must be 'true' or 'false', not '"_s % value % u"'."_s;
    case Type::Choice:
        for (const QString &allowed : setting.allowedValues) {
            if (value.compare(allowed, Qt::CaseInsensitive) == 0)
                return {};
        }
        return name % u" must be "_s % quoted(setting.allowedValues) % u", not '"_s % value % u"'."_s;
    case Type::Integer: {
        static const QRegularExpression digits(u"^\\+?[0-9]+$"_s);
        bool ok = false;
        const int number = value.toInt(&ok);
        const bool inRange = digits.match(value).hasMatch() && ok && number >= setting.minimum
            && (setting.maximum == 0 || number <= setting.maximum);
        if (inRange)
            return {};
        const QString range = setting.maximum == 0
            ? QString(u"of at least "_s % QString::number(setting.minimum))
            : QString(u"from "_s % QString::number(setting.minimum) % u" to "_s % QString::number(setting.maximum));
        return name % u" must be a whole number "_s % range % u", not '"_s % value % u"'."_s;
    }
    case Type::Duration: {
        const std::optional<double> nanoseconds = durationNanoseconds(value);
        if (nanoseconds && *nanoseconds > 0)
            return {};
        const QString what = nanoseconds ? u"a duration longer than zero"_s : u"a Go duration"_s;
        return name % u" must be "_s % what % u" such as '500ms', '30s' or '1m30s', not '"_s % value % u"'."_s;
    }
    case Type::Quantity: {
        const std::optional<double> amount = quantityValue(value);
        if (amount && *amount >= 0)
            return {};
        if (amount)
            return name % u" must not be negative, not '"_s % value % u"'."_s;
        return name % u" must be a Kubernetes quantity such as '512Mi', '2Gi' or '500m', not '"_s % value
            % u"'."_s;
    }
    case Type::Guid:
        if (isGuid(value))
            return {};
        return name % u" must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx), not '"_s % value % u"'."_s;
    case Type::Text:
        return {};
    }
    Q_UNREACHABLE_RETURN(QString());
}

} // namespace

QString ExtensionSetting::minimumVersionFor(const ClusterShape &cluster) const
{
    return !cluster.aks && !arcMinimumVersion.isEmpty() ? arcMinimumVersion : minimumVersion;
}

const QList<ExtensionSetting> &fluxExtensionSettings()
{
    static const QList<ExtensionSetting> catalogue = buildCatalogue();
    return catalogue;
}

const ExtensionSetting *findFluxExtensionSetting(QStringView key)
{
    const QList<ExtensionSetting> &catalogue = fluxExtensionSettings();
    const auto found = std::find_if(catalogue.cbegin(), catalogue.cend(),
                                    [key](const ExtensionSetting &setting) { return setting.key == key; });
    return found == catalogue.cend() ? nullptr : &*found;
}

QString effectiveFluxSetting(const QJsonObject &settings, const QJsonObject &protectedSettings, QStringView key)
{
    const ExtensionSetting *setting = findFluxExtensionSetting(key);
    const QString keyText = key.toString();
    QString value = setting ? setting->defaultValue : QString();
    if (settings.value(keyText).isString())
        value = settings.value(keyText).toString();
    if (protectedSettings.value(keyText).isString())
        value = protectedSettings.value(keyText).toString();
    if (setting && (setting->type == Type::Boolean || setting->type == Type::Choice))
        value = value.toLower();
    return value;
}

Domain::Result<void> validateFluxSettings(const QJsonObject &settings, const QJsonObject &protectedSettings,
                                          const QString &version, const ClusterShape &cluster)
{
    const QString target = version.isEmpty() ? latestFluxExtensionVersion() : version;
    if (!findFluxRelease(target))
        return Domain::failure(u"microsoft.flux has no version '"_s % target % u"'. Available versions: "_s
                                   % fluxExtensionVersions().join(u", "_s) % u'.',
                               u"version"_s);

    QStringList problems;
    QStringList badKeys;
    const QString architecture = cluster.architecture.isEmpty() ? u"amd64"_s : cluster.architecture.toLower();
    if (architecture == u"arm64" && compareFluxExtensionVersions(target, FluxArm64MinimumVersion) < 0)
        problems.append(u"Clusters with arm64 nodes need microsoft.flux "_s % FluxArm64MinimumVersion
                        % u" or later; the target version is "_s % target % u'.');
    else if (architecture != u"amd64" && architecture != u"arm64")
        problems.append(u"microsoft.flux runs on amd64 and arm64 nodes, not '"_s % cluster.architecture % u"'."_s);

    const auto check = [&](const QJsonObject &object, const QString &label) {
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            const QString key = it.key();
            const QString name = label % u" '"_s % key % u'\'';
            const ExtensionSetting *setting = findFluxExtensionSetting(key);
            QString problem;
            if (!setting) {
                problem = name % u" is not a microsoft.flux configuration setting. Did you mean '"_s % closestKey(key)
                    % u"'?"_s;
            } else if (!it.value().isString()) {
                problem = name % u" must be given as a string (configuration settings are strings, such as \"true\" "
                                 "or \"70\")."_s;
            } else if (const QString needed = setting->minimumVersionFor(cluster);
                       !needed.isEmpty() && compareFluxExtensionVersions(target, needed) < 0) {
                const QString where = setting->arcMinimumVersion.isEmpty()
                    ? QString()
                    : (cluster.aks ? u" on AKS clusters"_s : u" on Arc-enabled clusters"_s);
                problem = name % u" needs microsoft.flux "_s % needed % u" or later"_s % where
                    % u"; the target version is "_s % target % u'.';
            } else {
                problem = valueProblem(*setting, name, it.value().toString());
            }
            if (!problem.isEmpty()) {
                problems.append(problem);
                badKeys.append(key);
            }
        }
    };
    check(settings, u"Setting"_s);
    check(protectedSettings, u"Protected setting"_s);

    // Combinations, judged on values that passed on their own (and defaults).
    const auto value = [&](const QString &key) { return effectiveFluxSetting(settings, protectedSettings, key); };
    const auto given = [&](const QString &key) { return settings.contains(key) || protectedSettings.contains(key); };
    const QString identity = u"workloadIdentity.enable"_s;
    const QString clientId = u"workloadIdentity.azureClientId"_s;
    if (!badKeys.contains(identity) && !badKeys.contains(clientId) && value(identity) == u"true"
        && value(clientId).isEmpty()) {
        problems.append(u"Setting '"_s % identity % u"' is 'true' but '"_s % clientId
                        % u"' is not set: workload identity needs the client id of the managed identity to use."_s);
        badKeys.append(clientId);
    }
    for (FluxController controller : fluxControllers()) {
        const QString name = fluxControllerName(controller);
        if (value(name % u".enabled"_s) != u"true")
            continue;
        for (const QString &resource : {u"memory"_s, u"cpu"_s}) {
            const QString request = name % u".resources.requests."_s % resource;
            const QString limit = name % u".resources.limits."_s % resource;
            if (badKeys.contains(request) || badKeys.contains(limit) || (!given(request) && !given(limit)))
                continue;
            const std::optional<double> requested = quantityValue(value(request));
            const std::optional<double> limited = quantityValue(value(limit));
            if (requested && limited && *requested > *limited) {
                problems.append(name % u" would request more "_s % resource % u" ("_s % value(request)
                                % u") than its limit ("_s % value(limit) % u"): '"_s % request
                                % u"' must not exceed '"_s % limit % u"'."_s);
                badKeys.append(request);
            }
        }
    }

    if (problems.isEmpty())
        return {};
    badKeys.removeDuplicates();
    return Domain::failure(problems.join(u' '), badKeys.join(u", "_s));
}

} // namespace Fluxdeck::Sandbox
