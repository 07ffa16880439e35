#pragma once

#include "error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QString>

#include <chrono>
#include <optional>

namespace Fluxdeck::Sandbox {

// Injected failures, so clients' retry, back-off and error paths meet the faults Azure really
// has. A spec is a ';'-separated list of rules:
//
//     KIND@[METHOD ]PATTERN[~PROBABILITY][:ARGUMENT]
//
//   latency   delay the answer by ARGUMENT ms (default 500)
//   throttle  429 TooManyRequests with Retry-After: ARGUMENT s (default 1)
//   error500  500 InternalServerError        error503  503 ServiceUnavailable, Retry-After: ARGUMENT s
//   reset     close the connection without an answer
//   truncate  send half the body, then close
//   slow      send the body in pieces over ARGUMENT ms (default 2000)
//
// PATTERN is a glob over the request path ('*' is any run of characters), matched without case;
// PROBABILITY is 0..1 (default 1). Draws come from one generator seeded with --seed, so the same
// requests in the same order meet the same faults.
class FaultInjector final
{
    Q_DECLARE_TR_FUNCTIONS(Fluxdeck::Sandbox::FaultInjector)

public:
    enum class Kind { Latency, Throttle, Error500, Error503, Reset, Truncate, Slow };

    struct Rule
    {
        Kind kind = Kind::Latency;
        QByteArray method;           // empty: any
        QString pattern;
        QRegularExpression regex;
        double probability = 1.0;
        int argument = 0;
    };

    struct Decision
    {
        std::chrono::milliseconds latency{0};
        std::optional<Kind> failure;     // at most one: the first matching failure rule that fires
        int argument = 0;
    };

    static Domain::Result<QList<Rule>> parse(const QString &spec);

    void setRules(QList<Rule> rules, quint32 seed);
    const QList<Rule> &rules() const { return m_rules; }
    Decision decide(const QByteArray &method, const QString &path);

    static QString kindName(Kind kind);

private:
    QList<Rule> m_rules;
    QRandomGenerator m_random;
};

} // namespace Fluxdeck::Sandbox
