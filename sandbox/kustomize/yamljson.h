#pragma once

#include "error.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QSet>
#include <QString>

// YAML as Kubernetes reads it, held as JSON. yaml-cpp stays inside yamljson.cpp.
namespace Fluxdeck::Sandbox {

// One YAML document as JSON, plus the one thing JSON forgets that Flux still needs: which
// strings holding "${" were written quoted (or as block scalars). Flux substitutes variables
// in the YAML text, so `"${replicas}"` stays a string while a plain `${replicas}` becomes 3.
struct YamlDocument
{
    QJsonValue value;
    int line = 0; // 1-based line where the document's content starts
    QSet<QString> quotedStrings;
};

// Every non-empty document of a multi-document stream, typed per the YAML 1.2 core schema:
// plain true/false, integers, floats and null/~/empty become JSON bool/number/null; anything
// quoted stays a string (so `1.10` is the number 1.1 and `"1.10"` the string). Merge keys
// (`<<`) are applied; a duplicate key is an error, as in kustomize. Errors read
// "<fileName>:<line>:<column>: <message>", with the wording of the Go YAML parser people know.
Domain::Result<QList<YamlDocument>> readYamlDocuments(const QByteArray &yaml, const QString &fileName);
Domain::Result<QJsonArray> parseYamlDocuments(const QByteArray &yaml, const QString &fileName);

// Block-style YAML (two-space indent, sequences at their key's indent, like kubectl). Every
// string that would read back as something else ("true", "1.10", "0755", "~", "") is quoted;
// multi-line strings become literal blocks. Keys come out sorted, as QJsonObject holds them.
QByteArray toYaml(const QJsonValue &value);
// The same, with the given strings double-quoted even where plain would read back the same.
QByteArray toYaml(const QJsonValue &value, const QSet<QString> &alwaysQuoted);
// Several documents, each introduced by "---".
QByteArray toYamlDocuments(const QJsonArray &documents);

// What a plain (unquoted) YAML scalar means under the core schema: null, bool, number, or
// the string itself. `.inf` and `.nan` stay strings, since JSON cannot hold them.
QJsonValue resolvePlainScalar(const QString &text);

} // namespace Fluxdeck::Sandbox
