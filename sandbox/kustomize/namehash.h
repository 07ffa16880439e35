#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

// The suffix kustomize appends to generated ConfigMap and Secret names ("redis-values-2mt9k4h7bd").
namespace Fluxdeck::Sandbox {

// Ten characters from the SHA-256 of the object, computed the way kustomize's hasher does so
// the sandbox's names match a real cluster's: for a ConfigMap the Go JSON encoding of
// {"binaryData" (if any), "data", "kind", "name"}, for a Secret {"data", "kind", "name",
// "stringData" (if any), "type"}, for anything else the whole object; then the first ten hex
// digits with 0,1,3,a,e mapped to g,h,k,m,t so no word can be spelled.
QString kustomizeNameHash(const QJsonObject &object);

// encoding/json's Marshal of a JSON value: sorted keys, no spaces, <, > and & escaped.
QByteArray goJsonMarshal(const QJsonValue &value);

} // namespace Fluxdeck::Sandbox
