#include "faultinjector.h"


using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

struct KindInfo
{
    QLatin1StringView name;
    FaultInjector::Kind kind;
    int defaultArgument;
};

constexpr KindInfo kinds[] = {
    {QLatin1StringView("latency"), FaultInjector::Kind::Latency, 500},
    {QLatin1StringView("throttle"), FaultInjector::Kind::Throttle, 1},
    {QLatin1StringView("error500"), FaultInjector::Kind::Error500, 0},
    {QLatin1StringView("error503"), FaultInjector::Kind::Error503, 1},
    {QLatin1StringView("reset"), FaultInjector::Kind::Reset, 0},
    {QLatin1StringView("truncate"), FaultInjector::Kind::Truncate, 0},
    {QLatin1StringView("slow"), FaultInjector::Kind::Slow, 2000},
};

} // namespace

QString FaultInjector::kindName(Kind kind)
{
    for (const KindInfo &info : kinds) {
        if (info.kind == kind)
            return QString(info.name);
    }
    return {};
}

Domain::Result<QList<FaultInjector::Rule>> FaultInjector::parse(const QString &spec)
{
    QList<Rule> rules;
    const QStringList parts = spec.split(u';', Qt::SkipEmptyParts);
    for (const QString &raw : parts) {
        const QString text = raw.trimmed();
        const qsizetype at = text.indexOf(u'@');
        if (at <= 0)
            return Domain::failure(tr("Fault rule \"%1\" needs KIND@PATTERN, e.g. throttle@*/fluxConfigurations*.").arg(text));
        Rule rule;
        const QString kindText = text.left(at).toLower();
        const KindInfo *info = nullptr;
        for (const KindInfo &candidate : kinds) {
            if (kindText == candidate.name)
                info = &candidate;
        }
        if (!info)
            return Domain::failure(tr("Unknown fault kind \"%1\" in \"%2\": use latency, throttle, error500, error503, "
                                      "reset, truncate or slow.").arg(kindText, text));
        rule.kind = info->kind;
        rule.argument = info->defaultArgument;

        QString rest = text.mid(at + 1);
        const qsizetype colon = rest.lastIndexOf(u':');
        if (colon >= 0) {
            bool ok = false;
            rule.argument = rest.mid(colon + 1).toInt(&ok);
            if (!ok || rule.argument < 0)
                return Domain::failure(tr("The argument of fault rule \"%1\" must be a whole number, 0 or more.").arg(text));
            rest.truncate(colon);
        }
        const qsizetype tilde = rest.lastIndexOf(u'~');
        if (tilde >= 0) {
            bool ok = false;
            rule.probability = rest.mid(tilde + 1).toDouble(&ok);
            if (!ok || rule.probability < 0.0 || rule.probability > 1.0)
                return Domain::failure(tr("The probability in fault rule \"%1\" must be between 0 and 1.").arg(text));
            rest.truncate(tilde);
        }
        const qsizetype space = rest.indexOf(u' ');
        if (space > 0) {
            rule.method = rest.left(space).toUpper().toLatin1();
            rest = rest.mid(space + 1).trimmed();
        }
        if (rest.isEmpty())
            return Domain::failure(tr("Fault rule \"%1\" has no path pattern.").arg(text));
        rule.pattern = rest;
        // '*' crosses '/' here: patterns name ARM paths, not files.
        rule.regex = QRegularExpression(QRegularExpression::wildcardToRegularExpression(
                                            rest, QRegularExpression::NonPathWildcardConversion),
                                        QRegularExpression::CaseInsensitiveOption);
        rules.append(rule);
    }
    return rules;
}

void FaultInjector::setRules(QList<Rule> rules, quint32 seed)
{
    m_rules = std::move(rules);
    m_random.seed(seed);
}

FaultInjector::Decision FaultInjector::decide(const QByteArray &method, const QString &path)
{
    Decision decision;
    for (const Rule &rule : std::as_const(m_rules)) {
        if (!rule.method.isEmpty() && rule.method != method)
            continue;
        if (!rule.regex.match(path).hasMatch())
            continue;
        // Every matching rule draws, fired or not, so one rule's outcome does not shift another's.
        const bool fires = m_random.generateDouble() < rule.probability;
        if (!fires)
            continue;
        if (rule.kind == Kind::Latency)
            decision.latency += std::chrono::milliseconds(rule.argument);
        else if (!decision.failure) {
            decision.failure = rule.kind;
            decision.argument = rule.argument;
        }
    }
    return decision;
}

} // namespace Fluxdeck::Sandbox
