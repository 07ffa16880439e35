#pragma once

#include "error.h"
#include "jsonpath.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace Fluxdeck::Sandbox {

struct KubeResourceType;

// Server-side printing (meta.k8s.io/v1 Table): the columns Kubernetes' own printers use for
// built-in kinds, the additionalPrinterColumns (JSONPaths evaluated here) for custom kinds.
// Ages are humanized on the server ("5m", "2d3h"), as kubectl expects them.
class KubeTable final
{
public:
    static Domain::Result<KubeTable> forType(const KubeResourceType &type, const QString &version,
                                             const QDateTime &now = QDateTime::currentDateTimeUtc());

    const QJsonArray &columnDefinitions() const { return m_definitions; }
    QJsonArray cells(const QJsonObject &object) const;
    QByteArray cellsJson(const QJsonObject &object) const;   // the same, as compact JSON

    // Kubernetes' duration.HumanDuration: "45s", "5m10s", "3h20m", "2d3h", "400d", "2y30d".
    static QString humanDuration(qint64 seconds);

private:
    struct Column
    {
        QString type;
        JsonPath path;
    };

    QString age(const QJsonValue &timestamp) const;
    QJsonArray builtinCells(const QJsonObject &object) const;

    const KubeResourceType *m_type = nullptr;
    QDateTime m_now;
    QJsonArray m_definitions;
    QList<Column> m_columns;   // custom kinds: one per printer column after Name
};

} // namespace Fluxdeck::Sandbox
