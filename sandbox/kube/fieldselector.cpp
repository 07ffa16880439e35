#include "fieldselector.h"

#include "kuberesourceregistry.h"


using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

QStringList supportedFields(const KubeResourceType &type)
{
    QStringList fields{u"metadata.name"_s, u"metadata.namespace"_s};
    if (!type.group.isEmpty())
        return fields;
    if (type.plural == u"pods")
        fields += {u"spec.nodeName"_s, u"spec.restartPolicy"_s, u"spec.schedulerName"_s, u"spec.serviceAccountName"_s,
                   u"status.phase"_s, u"status.podIP"_s, u"status.nominatedNodeName"_s};
    else if (type.plural == u"events")
        fields += {u"involvedObject.kind"_s, u"involvedObject.namespace"_s, u"involvedObject.name"_s,
                   u"involvedObject.uid"_s, u"involvedObject.apiVersion"_s, u"involvedObject.resourceVersion"_s,
                   u"involvedObject.fieldPath"_s, u"reason"_s, u"reportingComponent"_s, u"source"_s, u"type"_s};
    else if (type.plural == u"secrets")
        fields += {u"type"_s};
    else if (type.plural == u"namespaces")
        fields += {u"status.phase"_s};
    else if (type.plural == u"nodes")
        fields += {u"spec.unschedulable"_s};
    return fields;
}

QString fieldValue(const QJsonObject &object, const QStringList &path)
{
    // Events keep their source as {component, host}; the selector compares the component.
    QJsonValue value = object;
    for (const QString &part : path)
        value = value.toObject().value(part);
    if (path == QStringList{u"source"_s})
        value = value.toObject().value(u"component");
    if (value.isBool())
        return value.toBool() ? u"true"_s : u"false"_s;
    if (value.isDouble())
        return QString::number(value.toInteger());
    return value.toString();
}

} // namespace

Domain::Result<FieldSelector> FieldSelector::parse(const QString &text, const KubeResourceType &type)
{
    FieldSelector selector;
    if (text.trimmed().isEmpty())
        return selector;
    const QStringList supported = supportedFields(type);
    for (const QString &raw : text.split(u',')) {
        const QString part = raw.trimmed();
        Term term;
        qsizetype at = part.indexOf(u"!=");
        int width = 2;
        term.equals = at < 0;
        if (at < 0) {
            at = part.indexOf(u"==");
            if (at < 0) {
                at = part.indexOf(u'=');
                width = 1;
            }
        }
        if (at <= 0)
            return Domain::failure(u"invalid selector: '%1'; can't understand '%2'"_s
                                       .arg(text, part),
                                   text);
        const QString field = part.left(at).trimmed();
        if (!supported.contains(field))
            return Domain::failure(u"field label not supported: %1"_s.arg(field), text);
        term.path = field.split(u'.');
        term.value = part.mid(at + width).trimmed();
        selector.m_terms.append(term);
    }
    return selector;
}

bool FieldSelector::matches(const QJsonObject &object) const
{
    for (const Term &term : m_terms) {
        if ((fieldValue(object, term.path) == term.value) != term.equals)
            return false;
    }
    return true;
}

QString FieldSelector::exactName() const
{
    for (const Term &term : m_terms) {
        if (term.equals && term.path == QStringList{u"metadata"_s, u"name"_s})
            return term.value;
    }
    return {};
}

} // namespace Fluxdeck::Sandbox
