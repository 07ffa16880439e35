#include "kubetable.h"

#include "kuberesourceregistry.h"

#include <QJsonDocument>
#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

const QString NameDescription = u"Name must be unique within a namespace. Is required when creating resources, although "
                                "some resources may allow a client to request the generation of an appropriate name "
                                "automatically. Cannot be updated."_s;
const QString AgeDescription = u"CreationTimestamp is a timestamp representing the server time when this object was "
                               "created. Represented in RFC3339 form and is in UTC."_s;

QJsonObject definition(const QString &name, const QString &type, const QString &description, int priority = 0,
                       const QString &format = {})
{
    return QJsonObject{{u"name"_s, name}, {u"type"_s, type}, {u"format"_s, format}, {u"description"_s, description},
                       {u"priority"_s, priority}};
}

QJsonObject nameColumn()
{
    return definition(u"Name"_s, u"string"_s, NameDescription, 0, u"name"_s);
}

QJsonObject ageColumn()
{
    return definition(u"Age"_s, u"string"_s, AgeDescription);
}

QString orNone(const QString &value)
{
    return value.isEmpty() ? u"<none>"_s : value;
}

QJsonObject object(const QJsonObject &o, QStringView key)
{
    return o.value(key).toObject();
}

QString joinSelector(const QJsonObject &labels)
{
    QStringList parts;
    for (auto it = labels.begin(); it != labels.end(); ++it)
        parts.append(it.key() + u'=' + it->toString());
    return parts.join(u',');
}

QString containerField(const QJsonObject &podSpec, QStringView field)
{
    QStringList values;
    for (const QJsonValue &c : podSpec.value(u"containers").toArray())
        values.append(c.toObject().value(field).toString());
    return values.join(u',');
}

// The printed form of a JSON value in a "string" column: strings as they are, the rest as JSON.
QString printed(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double: {
        const double d = value.toDouble();
        return d == double(qint64(d)) ? QString::number(qint64(d)) : QString::number(d, 'g', 15);
    }
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    default:
        return {};
    }
}

} // namespace

QString KubeTable::humanDuration(qint64 seconds)
{
    // Up to two seconds in the future counts as now (clock skew), further is invalid.
    if (seconds < -1)
        return u"<invalid>"_s;
    if (seconds < 0)
        return u"0s"_s;
    if (seconds < 120)
        return u"%1s"_s.arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes < 10)
        return seconds % 60 ? u"%1m%2s"_s.arg(minutes).arg(seconds % 60) : u"%1m"_s.arg(minutes);
    if (minutes < 180)
        return u"%1m"_s.arg(minutes);
    const qint64 hours = seconds / 3600;
    if (hours < 8)
        return minutes % 60 ? u"%1h%2m"_s.arg(hours).arg(minutes % 60) : u"%1h"_s.arg(hours);
    if (hours < 48)
        return u"%1h"_s.arg(hours);
    if (hours < 24 * 8)
        return hours % 24 ? u"%1d%2h"_s.arg(hours / 24).arg(hours % 24) : u"%1d"_s.arg(hours / 24);
    if (hours < 24 * 365 * 2)
        return u"%1d"_s.arg(hours / 24);
    if (hours < 24 * 365 * 8) {
        const qint64 days = (hours / 24) % 365;
        return days ? u"%1y%2d"_s.arg(hours / 24 / 365).arg(days) : u"%1y"_s.arg(hours / 24 / 365);
    }
    return u"%1y"_s.arg(hours / 24 / 365);
}

namespace {

// "2026-11-25T09:00:00Z", the form Kubernetes writes, read without QDateTime's general parser
// (a Table of 50,000 rows reads 50,000 of them); anything else takes the general path.
std::optional<qint64> epochSeconds(QStringView text)
{
    if (text.size() != 20 || text[4] != u'-' || text[7] != u'-' || text[10] != u'T' || text[13] != u':'
        || text[16] != u':' || text[19] != u'Z')
        return std::nullopt;
    const auto number = [&](qsizetype at, qsizetype length) {
        int value = 0;
        for (qsizetype i = at; i < at + length; ++i) {
            if (!text[i].isDigit())
                return -1;
            value = value * 10 + text[i].digitValue();
        }
        return value;
    };
    const int year = number(0, 4), month = number(5, 2), day = number(8, 2);
    const int hour = number(11, 2), minute = number(14, 2), second = number(17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || minute < 0 || second < 0)
        return std::nullopt;
    const qint64 days = QDate(year, month, day).toJulianDay() - QDate(1970, 1, 1).toJulianDay();
    return days * 86400 + hour * 3600 + minute * 60 + second;
}

} // namespace

QString KubeTable::age(const QJsonValue &timestamp) const
{
    const QString text = timestamp.toString();
    if (text.isEmpty())
        return u"<unknown>"_s;
    if (const auto seconds = epochSeconds(text))
        return humanDuration(m_now.toSecsSinceEpoch() - *seconds);
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return u"<invalid>"_s;
    return humanDuration(time.secsTo(m_now));
}

Domain::Result<KubeTable> KubeTable::forType(const KubeResourceType &type, const QString &version, const QDateTime &now)
{
    KubeTable table;
    table.m_type = &type;
    table.m_now = now;
    QJsonArray &d = table.m_definitions;
    d.append(nameColumn());
    if (type.custom) {
        const KubeApiVersion *served = type.version(version);
        QList<KubePrinterColumn> columns = served ? served->printerColumns : QList<KubePrinterColumn>{};
        if (columns.isEmpty())
            columns.append(KubePrinterColumn{u"Age"_s, u"date"_s, u".metadata.creationTimestamp"_s, 0, {}, {}});
        for (const KubePrinterColumn &c : std::as_const(columns)) {
            auto path = JsonPath::parse(c.jsonPath);
            if (!path)
                return std::unexpected(path.error());
            table.m_columns.append(Column{c.type, *path});
            d.append(definition(c.name, c.type, c.description, c.priority, c.format));
        }
        return table;
    }
    const QString &plural = type.plural;
    if (plural == u"pods") {
        d.append(definition(u"Ready"_s, u"string"_s, u"The aggregate readiness state of this pod for accepting traffic."_s));
        d.append(definition(u"Status"_s, u"string"_s, u"The aggregate status of the containers in this pod."_s));
        d.append(definition(u"Restarts"_s, u"string"_s, u"The number of times the containers in this pod have been restarted "
                                                      "and when the last container in this pod has restarted."_s));
        d.append(ageColumn());
        d.append(definition(u"IP"_s, u"string"_s, u"IP address allocated to the pod."_s, 1));
        d.append(definition(u"Node"_s, u"string"_s, u"Name of the node the pod is scheduled on."_s, 1));
        d.append(definition(u"Nominated Node"_s, u"string"_s, u"Name of the node nominated for preemption."_s, 1));
        d.append(definition(u"Readiness Gates"_s, u"string"_s, u"The readiness gates of the pod."_s, 1));
    } else if (plural == u"namespaces") {
        d.append(definition(u"Status"_s, u"string"_s, u"The status of the namespace"_s));
        d.append(ageColumn());
    } else if (plural == u"nodes") {
        d.append(definition(u"Status"_s, u"string"_s, u"The status of the node"_s));
        d.append(definition(u"Roles"_s, u"string"_s, u"The roles of the node"_s));
        d.append(ageColumn());
        d.append(definition(u"Version"_s, u"string"_s, u"Kubelet Version reported by the node."_s));
        d.append(definition(u"Internal-IP"_s, u"string"_s, u"List of internal IPs in the node."_s, 1));
        d.append(definition(u"External-IP"_s, u"string"_s, u"List of external IPs in the node."_s, 1));
        d.append(definition(u"OS-Image"_s, u"string"_s, u"OS Image reported by the node."_s, 1));
        d.append(definition(u"Kernel-Version"_s, u"string"_s, u"Kernel Version reported by the node."_s, 1));
        d.append(definition(u"Container-Runtime"_s, u"string"_s, u"Container Runtime Version reported by the node."_s, 1));
    } else if (plural == u"services") {
        d.append(definition(u"Type"_s, u"string"_s, u"Type determines how the Service is exposed."_s));
        d.append(definition(u"Cluster-IP"_s, u"string"_s, u"The IP address of the service, usually assigned randomly."_s));
        d.append(definition(u"External-IP"_s, u"string"_s, u"The external IPs of the service."_s));
        d.append(definition(u"Port(s)"_s, u"string"_s, u"The list of ports that are exposed by this service."_s));
        d.append(ageColumn());
        d.append(definition(u"Selector"_s, u"string"_s, u"Route service traffic to pods with label keys and values matching "
                                                      "this selector."_s, 1));
    } else if (plural == u"events") {
        d = QJsonArray{};
        d.append(definition(u"Last Seen"_s, u"string"_s, u"The time at which the most recent occurrence of this event was "
                                                       "recorded."_s));
        d.append(definition(u"Type"_s, u"string"_s, u"Type of this event (Normal, Warning)."_s));
        d.append(definition(u"Reason"_s, u"string"_s, u"This should be a short, machine understandable string that gives "
                                                    "the reason for the transition into the object's current status."_s));
        d.append(definition(u"Object"_s, u"string"_s, u"The object that this event is about."_s));
        d.append(definition(u"Subobject"_s, u"string"_s, u"The subobject the event is about."_s, 1));
        d.append(definition(u"Source"_s, u"string"_s, u"The component reporting this event."_s, 1));
        d.append(definition(u"Message"_s, u"string"_s, u"A human-readable description of the status of this operation."_s));
        d.append(definition(u"First Seen"_s, u"string"_s, u"The time at which the event was first recorded."_s, 1));
        d.append(definition(u"Count"_s, u"string"_s, u"The number of times this event has occurred."_s, 1));
        d.append(definition(u"Name"_s, u"string"_s, NameDescription, 1, u"name"_s));
    } else if (plural == u"configmaps") {
        d.append(definition(u"Data"_s, u"string"_s, u"Data contains the configuration data."_s));
        d.append(ageColumn());
    } else if (plural == u"secrets") {
        d.append(definition(u"Type"_s, u"string"_s, u"The type of the secret"_s));
        d.append(definition(u"Data"_s, u"string"_s, u"The number of entries in the secret"_s));
        d.append(ageColumn());
    } else if (plural == u"serviceaccounts") {
        d.append(definition(u"Secrets"_s, u"string"_s, u"Secrets is a list of the secrets in the same namespace that pods "
                                                     "running using this ServiceAccount are allowed to use."_s));
        d.append(ageColumn());
    } else if (plural == u"deployments") {
        d.append(definition(u"Ready"_s, u"string"_s, u"Number of the pod with ready state"_s));
        d.append(definition(u"Up-to-date"_s, u"string"_s, u"Total number of non-terminated pods targeted by this deployment "
                                                        "that have the desired template spec."_s));
        d.append(definition(u"Available"_s, u"string"_s, u"Total number of available pods (ready for at least minReadySeconds) "
                                                       "targeted by this deployment."_s));
        d.append(ageColumn());
        d.append(definition(u"Containers"_s, u"string"_s, u"Names of each container in the template."_s, 1));
        d.append(definition(u"Images"_s, u"string"_s, u"Images referenced by each container in the template."_s, 1));
        d.append(definition(u"Selector"_s, u"string"_s, u"Label selector for pods."_s, 1));
    } else if (plural == u"replicasets") {
        d.append(definition(u"Desired"_s, u"integer"_s, u"Number of desired pods."_s));
        d.append(definition(u"Current"_s, u"integer"_s, u"Number of actual pods."_s));
        d.append(definition(u"Ready"_s, u"integer"_s, u"Number of ready pods."_s));
        d.append(ageColumn());
        d.append(definition(u"Containers"_s, u"string"_s, u"Names of each container in the template."_s, 1));
        d.append(definition(u"Images"_s, u"string"_s, u"Images referenced by each container in the template."_s, 1));
        d.append(definition(u"Selector"_s, u"string"_s, u"Label selector for pods."_s, 1));
    } else if (plural == u"statefulsets") {
        d.append(definition(u"Ready"_s, u"string"_s, u"Number of the pod with ready state"_s));
        d.append(ageColumn());
        d.append(definition(u"Containers"_s, u"string"_s, u"Names of each container in the template."_s, 1));
        d.append(definition(u"Images"_s, u"string"_s, u"Images referenced by each container in the template."_s, 1));
    } else {
        // The default table convertor (CustomResourceDefinitions among others): Name, Created At.
        d.append(definition(u"Created At"_s, u"date"_s, AgeDescription));
    }
    return table;
}

QJsonArray KubeTable::cells(const QJsonObject &o) const
{
    if (!m_type->custom)
        return builtinCells(o);
    QJsonArray cells{object(o, u"metadata").value(u"name")};
    for (const Column &column : m_columns) {
        const QJsonValue value = column.path.first(o);
        if (value.isUndefined() || value.isNull()) {
            cells.append(QJsonValue::Null);
        } else if (column.type == u"date") {
            cells.append(age(value));
        } else if (column.type == u"integer") {
            cells.append(value.toInteger());
        } else if (column.type == u"number") {
            cells.append(value.toDouble());
        } else if (column.type == u"boolean") {
            cells.append(value.toBool());
        } else {
            cells.append(printed(value));
        }
    }
    return cells;
}

namespace {

void appendJsonString(QByteArray &out, QStringView text)
{
    out += '"';
    for (const char c : text.toUtf8()) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (uchar(c) < 0x20)
                out += "\\u00" + QByteArray::number(uchar(c), 16).rightJustified(2, '0');
            else
                out += c;
        }
    }
    out += '"';
}

} // namespace

// Written by hand: a Table of 50,000 rows spends most of its time here otherwise.
QByteArray KubeTable::cellsJson(const QJsonObject &object) const
{
    QByteArray out = "[";
    bool first = true;
    for (const QJsonValue &cell : cells(object)) {
        if (!first)
            out += ',';
        first = false;
        switch (cell.type()) {
        case QJsonValue::String:
            appendJsonString(out, cell.toString());
            break;
        case QJsonValue::Double: {
            const double d = cell.toDouble();
            out += d == double(qint64(d)) ? QByteArray::number(qint64(d)) : QByteArray::number(d, 'g', 15);
            break;
        }
        case QJsonValue::Bool:
            out += cell.toBool() ? "true" : "false";
            break;
        default:
            out += "null";
        }
    }
    return out + ']';
}

QJsonArray KubeTable::builtinCells(const QJsonObject &o) const
{
    const QJsonObject metadata = object(o, u"metadata");
    const QJsonObject spec = object(o, u"spec");
    const QJsonObject status = object(o, u"status");
    const QString name = metadata.value(u"name").toString();
    const QString created = age(metadata.value(u"creationTimestamp"));
    const QString &plural = m_type->plural;

    if (plural == u"pods") {
        const QJsonArray containers = spec.value(u"containers").toArray();
        int ready = 0;
        qint64 restarts = 0;
        QString reason = status.value(u"reason").toString(status.value(u"phase").toString(u"Pending"_s));
        for (const QJsonValue &value : status.value(u"containerStatuses").toArray()) {
            const QJsonObject cs = value.toObject();
            ready += cs.value(u"ready").toBool() ? 1 : 0;
            restarts += cs.value(u"restartCount").toInteger();
            const QJsonObject state = cs.value(u"state").toObject();
            if (const QString waiting = object(state, u"waiting").value(u"reason").toString(); !waiting.isEmpty())
                reason = waiting;
            else if (const QString terminated = object(state, u"terminated").value(u"reason").toString(); !terminated.isEmpty())
                reason = terminated;
        }
        if (metadata.contains(u"deletionTimestamp"))
            reason = u"Terminating"_s;
        const QJsonArray gates = spec.value(u"readinessGates").toArray();
        QString gatesText = u"<none>"_s;
        if (!gates.isEmpty()) {
            int met = 0;
            for (const QJsonValue &gate : gates) {
                for (const QJsonValue &condition : status.value(u"conditions").toArray()) {
                    if (condition.toObject().value(u"type") == gate.toObject().value(u"conditionType")
                        && condition.toObject().value(u"status").toString() == u"True")
                        ++met;
                }
            }
            gatesText = u"%1/%2"_s.arg(met).arg(gates.size());
        }
        return QJsonArray{name, u"%1/%2"_s.arg(ready).arg(containers.size()), reason, QString::number(restarts), created,
                          orNone(status.value(u"podIP").toString()), orNone(spec.value(u"nodeName").toString()),
                          orNone(status.value(u"nominatedNodeName").toString()), gatesText};
    }
    if (plural == u"namespaces")
        return QJsonArray{name, status.value(u"phase").toString(u"Active"_s), created};
    if (plural == u"nodes") {
        QString state = u"Unknown"_s;
        for (const QJsonValue &condition : status.value(u"conditions").toArray()) {
            if (condition.toObject().value(u"type").toString() == u"Ready")
                state = condition.toObject().value(u"status").toString() == u"True" ? u"Ready"_s : u"NotReady"_s;
        }
        if (spec.value(u"unschedulable").toBool())
            state += u",SchedulingDisabled"_s;
        QStringList roles;
        const QJsonObject labels = metadata.value(u"labels").toObject();
        for (auto it = labels.begin(); it != labels.end(); ++it) {
            if (it.key().startsWith(u"node-role.kubernetes.io/"))
                roles.append(it.key().mid(24));
            else if (it.key() == u"kubernetes.io/role")
                roles.append(it->toString());
        }
        std::sort(roles.begin(), roles.end());
        roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
        QStringList internal;
        QStringList external;
        for (const QJsonValue &address : status.value(u"addresses").toArray()) {
            const QString type = address.toObject().value(u"type").toString();
            if (type == u"InternalIP")
                internal.append(address.toObject().value(u"address").toString());
            else if (type == u"ExternalIP")
                external.append(address.toObject().value(u"address").toString());
        }
        const QJsonObject info = object(status, u"nodeInfo");
        return QJsonArray{name, state, orNone(roles.join(u',')), created, info.value(u"kubeletVersion").toString(),
                          orNone(internal.join(u',')), orNone(external.join(u',')), info.value(u"osImage").toString(),
                          info.value(u"kernelVersion").toString(), info.value(u"containerRuntimeVersion").toString()};
    }
    if (plural == u"services") {
        const QString type = spec.value(u"type").toString(u"ClusterIP"_s);
        QString external = u"<none>"_s;
        if (type == u"LoadBalancer") {
            QStringList ips;
            for (const QJsonValue &ingress : object(status, u"loadBalancer").value(u"ingress").toArray())
                ips.append(ingress.toObject().value(u"ip").toString(ingress.toObject().value(u"hostname").toString()));
            external = ips.isEmpty() ? u"<pending>"_s : ips.join(u',');
        } else if (type == u"ExternalName") {
            external = spec.value(u"externalName").toString();
        }
        QStringList ports;
        for (const QJsonValue &value : spec.value(u"ports").toArray()) {
            const QJsonObject port = value.toObject();
            const QString protocol = port.value(u"protocol").toString(u"TCP"_s);
            ports.append(port.contains(u"nodePort")
                             ? u"%1:%2/%3"_s.arg(port.value(u"port").toInteger()).arg(port.value(u"nodePort").toInteger()).arg(protocol)
                             : u"%1/%2"_s.arg(port.value(u"port").toInteger()).arg(protocol));
        }
        return QJsonArray{name, type, spec.value(u"clusterIP").toString(u"None"_s), external, orNone(ports.join(u',')),
                          created, orNone(joinSelector(spec.value(u"selector").toObject()))};
    }
    if (plural == u"events") {
        const QJsonObject involved = object(o, u"involvedObject");
        const QJsonObject source = object(o, u"source");
        QString last = o.value(u"lastTimestamp").toString();
        if (last.isEmpty())
            last = o.value(u"eventTime").toString();
        QStringList sourceParts{source.value(u"component").toString()};
        if (!source.value(u"host").toString().isEmpty())
            sourceParts.append(source.value(u"host").toString());
        return QJsonArray{age(last), o.value(u"type").toString(), o.value(u"reason").toString(),
                          QString(involved.value(u"kind").toString().toLower() + u'/' + involved.value(u"name").toString()),
                          involved.value(u"fieldPath").toString(), sourceParts.join(u", "), o.value(u"message").toString(),
                          age(o.value(u"firstTimestamp").toString(last)),
                          QString::number(o.value(u"count").toInteger(1)), name};
    }
    if (plural == u"configmaps")
        return QJsonArray{name, QString::number(o.value(u"data").toObject().size() + o.value(u"binaryData").toObject().size()),
                          created};
    if (plural == u"secrets")
        return QJsonArray{name, o.value(u"type").toString(u"Opaque"_s),
                          QString::number(o.value(u"data").toObject().size()), created};
    if (plural == u"serviceaccounts")
        return QJsonArray{name, QString::number(o.value(u"secrets").toArray().size()), created};
    const QJsonObject podSpec = object(object(spec, u"template"), u"spec");
    const QString selector = orNone(joinSelector(object(spec, u"selector").value(u"matchLabels").toObject()));
    if (plural == u"deployments")
        return QJsonArray{name,
                          u"%1/%2"_s.arg(status.value(u"readyReplicas").toInteger()).arg(spec.value(u"replicas").toInteger(1)),
                          QString::number(status.value(u"updatedReplicas").toInteger()),
                          QString::number(status.value(u"availableReplicas").toInteger()), created,
                          containerField(podSpec, u"name"), containerField(podSpec, u"image"), selector};
    if (plural == u"replicasets")
        return QJsonArray{name, spec.value(u"replicas").toInteger(1), status.value(u"replicas").toInteger(),
                          status.value(u"readyReplicas").toInteger(), created, containerField(podSpec, u"name"),
                          containerField(podSpec, u"image"), selector};
    if (plural == u"statefulsets")
        return QJsonArray{name,
                          u"%1/%2"_s.arg(status.value(u"readyReplicas").toInteger()).arg(spec.value(u"replicas").toInteger(1)),
                          created, containerField(podSpec, u"name"), containerField(podSpec, u"image")};
    // Created At: the timestamp itself, which kubectl prints as it is.
    return QJsonArray{name, metadata.value(u"creationTimestamp").toString()};
}

} // namespace Fluxdeck::Sandbox
