#include "azcommand.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Domain {

AzCommand::AzCommand(QStringList command)
    : m_words(QStringList{u"az"_s} + command)
{
}

AzCommand &AzCommand::option(const QString &name, const QString &value)
{
    m_words << u"--"_s + name << quoted(value);
    return *this;
}

AzCommand &AzCommand::options(const QString &name, const QStringList &values)
{
    m_words << u"--"_s + name;
    for (const QString &value : values)
        m_words << quoted(value);
    return *this;
}

AzCommand &AzCommand::flag(const QString &name)
{
    m_words << u"--"_s + name;
    return *this;
}

QString AzCommand::toString() const
{
    return m_words.join(u' ');
}

QString AzCommand::placeholder(const QString &name)
{
    return u"<"_s + name + u'>';
}

QString AzCommand::quoted(const QString &word)
{
    static const QRegularExpression plain(u"^[A-Za-z0-9_@%+=:,./-]+$"_s);
    if (!word.isEmpty() && plain.match(word).hasMatch())
        return word;
    QString escaped = word;
    escaped.replace(u"'"_s, u"'\\''"_s);
    return u"'"_s + escaped + u"'"_s;
}

} // namespace Fluxdeck::Domain
