#include "resourcegraph.h"

#include "kql/kql.h"
#include "resourcestore.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <algorithm>
#include <iterator>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

constexpr int DefaultTop = 100;
constexpr int MaxTop = 1000;

QString subscriptionOf(const QString &id)
{
    return id.section(u'/', 2, 2);
}

QJsonObject row(const QJsonObject &resource, const QString &tenantId)
{
    const QString id = resource.value(u"id").toString();
    QJsonObject out{
        {u"id"_s, id},
        {u"name"_s, resource.value(u"name")},
        {u"type"_s, resource.value(u"type").toString().toLower()},
        {u"tenantId"_s, tenantId},
        {u"kind"_s, resource.value(u"kind").toString()},
        {u"location"_s, resource.value(u"location").toString()},
        {u"resourceGroup"_s, id.section(u'/', 4, 4).toLower()},
        {u"subscriptionId"_s, subscriptionOf(id)},
        {u"managedBy"_s, resource.value(u"managedBy").toString()},
        {u"sku"_s, resource.value(u"sku")},
        {u"plan"_s, resource.value(u"plan")},
        {u"properties"_s, resource.value(u"properties")},
        {u"tags"_s, resource.value(u"tags")},
        {u"identity"_s, resource.value(u"identity")},
        {u"zones"_s, resource.value(u"zones")},
        {u"extendedLocation"_s, resource.value(u"extendedLocation")},
    };
    return out;
}

HttpResponse badQuery(const Kql::QueryError &error)
{
    QString code;
    switch (error.kind) {
    case Kql::QueryError::Kind::Syntax:
        code = u"ParserFailure"_s;
        break;
    case Kql::QueryError::Kind::Unsupported:
        code = u"UnsupportedOperator"_s;
        break;
    case Kql::QueryError::Kind::UnknownTable:
        code = u"InvalidTableName"_s;
        break;
    case Kql::QueryError::Kind::Semantic:
        code = u"InvalidQuery"_s;
        break;
    }
    QJsonObject detail{{u"code"_s, code}, {u"message"_s, error.message}};
    if (error.position >= 0) {
        detail.insert(u"line"_s, 1);
        detail.insert(u"characterPositionInLine"_s, qint64(error.position));
    }
    if (!error.unsupported.isEmpty())
        detail.insert(u"token"_s, error.unsupported);
    return HttpResponse::armError(
        400, u"BadRequest"_s,
        u"Please provide below info when asking for support: timestamp = %1, correlationId = %2."_s
            .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate), QUuid::createUuid().toString(QUuid::WithoutBraces)),
        QJsonArray{QJsonObject{{u"code"_s, u"InvalidQuery"_s},
                               {u"message"_s, u"Query is invalid. Please refer to the documentation for the Azure "
                                              "Resource Graph service and fix the error before retrying."_s}},
                   detail});
}

} // namespace

ResourceGraphService::ResourceGraphService(const ResourceStore &store, QString tenantId)
    : m_store(store)
    , m_tenantId(std::move(tenantId))
{
}

std::optional<QJsonArray> ResourceGraphService::table(const QString &name, const QStringList &subscriptions) const
{
    const QString table = name.toLower();
    QJsonArray rows;
    const auto inScope = [&](const QString &subscription) {
        return subscriptions.contains(subscription, Qt::CaseInsensitive);
    };
    if (table == u"resourcecontainers") {
        for (const auto &subscription : m_store.subscriptions()) {
            if (!inScope(subscription.id))
                continue;
            rows.append(QJsonObject{{u"id"_s, QString(u"/subscriptions/"_s + subscription.id)},
                                    {u"name"_s, subscription.displayName},
                                    {u"type"_s, u"microsoft.resources/subscriptions"_s},
                                    {u"tenantId"_s, m_tenantId},
                                    {u"subscriptionId"_s, subscription.id},
                                    {u"resourceGroup"_s, u""_s},
                                    {u"properties"_s, QJsonObject{{u"state"_s, subscription.state}}}});
        }
    } else if (table != u"resources" && table != u"kubernetesconfigurationresources") {
        return std::nullopt;
    }
    for (const auto &subscription : m_store.subscriptions()) {
        if (!inScope(subscription.id))
            continue;
        for (const QJsonObject &resource : m_store.all(u"/subscriptions/"_s + subscription.id)) {
            const QString type = resource.value(u"type").toString().toLower();
            const bool configuration = type.startsWith(u"microsoft.kubernetesconfiguration/");
            const bool group = type == u"microsoft.resources/resourcegroups";
            if ((table == u"resources" && !configuration && !group)
                || (table == u"kubernetesconfigurationresources" && configuration)
                || (table == u"resourcecontainers" && group))
                rows.append(row(resource, m_tenantId));
        }
    }
    return rows;
}

HttpResponse ResourceGraphService::query(const HttpRequest &request)
{
    QJsonParseError parseError;
    const QJsonObject body = QJsonDocument::fromJson(request.body, &parseError).object();
    if (parseError.error != QJsonParseError::NoError)
        return HttpResponse::armError(400, u"InvalidRequestContent"_s,
                                      u"The request content was invalid and could not be deserialized: %1."_s
                                          .arg(parseError.errorString()));
    const QString text = body.value(u"query").toString();
    if (text.trimmed().isEmpty())
        return HttpResponse::armError(400, u"BadRequest"_s, u"The 'query' property is required."_s);

    QStringList subscriptions;
    for (const QJsonValue value : body.value(u"subscriptions").toArray())
        subscriptions.append(value.toString());
    if (subscriptions.isEmpty()) {
        for (const auto &subscription : m_store.subscriptions())
            subscriptions.append(subscription.id);
    }
    for (const QString &subscription : std::as_const(subscriptions)) {
        if (!m_store.subscription(subscription))
            return HttpResponse::armError(403, u"AuthorizationFailed"_s,
                                          u"The client does not have authorization to query subscription '%1', or it "
                                          "does not exist."_s.arg(subscription));
    }

    const QJsonObject options = body.value(u"options").toObject();
    int top = options.value(u"$top").toInt(DefaultTop);
    if (top < 1 || top > MaxTop)
        return HttpResponse::armError(400, u"BadRequest"_s,
                                      u"$top must be between 1 and %1, not %2."_s.arg(MaxTop).arg(top));
    qsizetype skip = options.value(u"$skip").toInt(0);
    const QString skipToken = options.value(u"$skipToken").toString();
    if (!skipToken.isEmpty()) {
        const QJsonObject token = QJsonDocument::fromJson(QByteArray::fromBase64(skipToken.toLatin1())).object();
        if (!token.contains(u"offset"))
            return HttpResponse::armError(400, u"BadRequest"_s, u"The $skipToken is not valid."_s);
        skip = token.value(u"offset").toInteger();
    }
    if (const QString format = options.value(u"resultFormat").toString(); !format.isEmpty() && format != u"objectArray")
        return HttpResponse::armError(400, u"BadRequest"_s,
                                      u"resultFormat '%1' is not supported by the sandbox: use objectArray."_s.arg(format));

    const QString key = text + u'\n' + subscriptions.join(u',');
    auto snapshot = std::ranges::find_if(m_snapshots, [&](const Snapshot &each) {
        return each.key == key && each.revision == m_store.revision();
    });
    if (snapshot == m_snapshots.end()) {
        const auto result = Kql::run(text, [&](const QString &name) { return table(name, subscriptions); });
        if (!result)
            return badQuery(result.error());
        if (m_snapshots.size() >= 8)
            m_snapshots.pop_front();
        m_snapshots.push_back({key, m_store.revision(), *result});
        snapshot = std::prev(m_snapshots.end());
    }
    const QJsonArray &rows = snapshot->rows;

    const qsizetype total = rows.size();
    const qsizetype end = std::min<qsizetype>(total, skip + top);
    QJsonArray data;
    for (qsizetype i = skip; i < end; ++i)
        data.append(rows.at(i));
    QJsonObject response{{u"totalRecords"_s, qint64(total)},
                         {u"count"_s, qint64(data.size())},
                         {u"resultTruncated"_s, u"false"_s},
                         {u"facets"_s, QJsonArray{}},
                         {u"data"_s, data}};
    if (end < total) {
        const QByteArray token = QJsonDocument(QJsonObject{{u"offset"_s, qint64(end)}}).toJson(QJsonDocument::Compact);
        response.insert(u"$skipToken"_s, QString::fromLatin1(token.toBase64()));
    }
    return HttpResponse::json(200, response);
}

} // namespace Fluxdeck::Sandbox
