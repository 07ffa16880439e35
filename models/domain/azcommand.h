#pragma once

#include <QString>
#include <QStringList>

// "Copy as az command": the Azure CLI line that does what a Fluxdeck action does, quoted for a
// POSIX shell so it pastes and runs as shown. Secrets never go into one: name the parameter and
// leave its value for the user to fill in (placeholder()).
namespace Fluxdeck::Domain {

class AzCommand
{
public:
    // The command group and verb: AzCommand({u"k8s-extension"_s, u"update"_s}).
    explicit AzCommand(QStringList command);

    // --name value; a value is quoted when the shell would otherwise split or expand it.
    AzCommand &option(const QString &name, const QString &value);
    // --name value1 value2 … (az's space-separated lists, e.g. --configuration-settings).
    AzCommand &options(const QString &name, const QStringList &values);
    // --flag without a value.
    AzCommand &flag(const QString &name);

    QString toString() const;

    // "<name>" as a value the user must supply (a token, a key): never a real secret.
    static QString placeholder(const QString &name);
    // One word as a POSIX shell reads it.
    static QString quoted(const QString &word);

private:
    QStringList m_words;
};

} // namespace Fluxdeck::Domain
