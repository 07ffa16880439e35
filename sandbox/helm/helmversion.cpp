#include "helmversion.h"

#include <QRegularExpression>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

using Predicate = std::function<bool(const SemanticVersion &)>;

// A version as a constraint writes it: parts may be missing or wildcards ("1", "1.2.x", "*").
struct Pattern
{
    SemanticVersion version;
    int given = 0;   // how many of major, minor, patch are numbers before the first wildcard
};

bool isWildcard(const QString &part)
{
    return part == u"x" || part == u"X" || part == u"*";
}

std::optional<Pattern> parsePattern(QString text)
{
    if (text.startsWith(u'v') || text.startsWith(u'V'))
        text.remove(0, 1);
    Pattern pattern;
    const qsizetype dash = text.indexOf(u'-');
    if (dash >= 0) {
        pattern.version.prerelease = text.mid(dash + 1);
        text.truncate(dash);
        if (pattern.version.prerelease.isEmpty())
            return std::nullopt;
    }
    const QStringList parts = text.split(u'.');
    if (parts.size() > 3 || text.isEmpty())
        return std::nullopt;
    int *fields[] = {&pattern.version.major, &pattern.version.minor, &pattern.version.patch};
    bool wild = false;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (isWildcard(parts[i])) {
            wild = true;
            continue;
        }
        bool ok = false;
        const int value = parts[i].toInt(&ok);
        if (!ok || value < 0 || wild)
            return std::nullopt;
        *fields[i] = value;
        pattern.given = int(i) + 1;
    }
    if (!pattern.version.prerelease.isEmpty() && pattern.given < 3)
        return std::nullopt;
    return pattern;
}

SemanticVersion bumped(const Pattern &pattern, int at)
{
    SemanticVersion next;
    if (at == 0) {
        next.major = pattern.version.major + 1;
    } else if (at == 1) {
        next.major = pattern.version.major;
        next.minor = pattern.version.minor + 1;
    } else {
        next = pattern.version;
        next.prerelease.clear();
        next.patch += 1;
    }
    return next;
}

// The range [low, high) a pattern covers: "1.2" is 1.2.0 up to 1.3.0, "1.2.3" just 1.2.3.
struct Range
{
    SemanticVersion low;
    std::optional<SemanticVersion> high;
};

Range rangeOf(const Pattern &pattern)
{
    if (pattern.given == 0)
        return {SemanticVersion{}, std::nullopt};
    SemanticVersion low = pattern.version;
    if (pattern.given < 3) {
        low.patch = 0;
        if (pattern.given < 2)
            low.minor = 0;
    }
    return {low, bumped(pattern, pattern.given - 1)};
}

bool within(const SemanticVersion &v, const Range &range)
{
    return v.compare(range.low) >= 0 && (!range.high || v.compare(*range.high) < 0);
}

std::optional<Predicate> term(const QString &op, const Pattern &pattern)
{
    const Range range = rangeOf(pattern);
    if (op.isEmpty() || op == u"=")
        return [range](const SemanticVersion &v) { return within(v, range); };
    if (op == u"!=")
        return [range](const SemanticVersion &v) { return !within(v, range); };
    if (op == u">")
        return [range](const SemanticVersion &v) {
            return range.high ? v.compare(*range.high) >= 0 && !within(v, range) : false;
        };
    if (op == u">=" || op == u"=>")
        return [range](const SemanticVersion &v) { return v.compare(range.low) >= 0; };
    if (op == u"<")
        return [range](const SemanticVersion &v) { return v.compare(range.low) < 0; };
    if (op == u"<=" || op == u"=<")
        return [range](const SemanticVersion &v) { return v.compare(range.low) < 0 || within(v, range); };
    if (op == u"~" || op == u"~>") {
        // ~1.2.3 and ~1.2: the same minor; ~1: the same major.
        Range tilde{range.low, pattern.given == 0 ? std::nullopt
                                                  : std::optional(bumped(pattern, pattern.given == 1 ? 0 : 1))};
        return [tilde](const SemanticVersion &v) { return within(v, tilde); };
    }
    if (op == u"^") {
        // ^1.2.3: the same major; ^0.2.3: the same minor; ^0.0.3: that patch.
        int at = 0;
        if (pattern.version.major == 0 && pattern.given >= 2)
            at = pattern.version.minor == 0 && pattern.given == 3 ? 2 : 1;
        Range caret{range.low, pattern.given == 0 ? std::nullopt : std::optional(bumped(pattern, at))};
        return [caret](const SemanticVersion &v) { return within(v, caret); };
    }
    return std::nullopt;
}

} // namespace

std::optional<SemanticVersion> SemanticVersion::parse(const QString &text)
{
    const auto pattern = parsePattern(text.trimmed());
    if (!pattern || pattern->given != 3)
        return std::nullopt;
    return pattern->version;
}

int SemanticVersion::compare(const SemanticVersion &other) const
{
    for (const auto &[a, b] : {std::pair{major, other.major}, {minor, other.minor}, {patch, other.patch}}) {
        if (a != b)
            return a < b ? -1 : 1;
    }
    if (prerelease == other.prerelease)
        return 0;
    if (prerelease.isEmpty())
        return 1;          // a release is newer than its prereleases
    if (other.prerelease.isEmpty())
        return -1;
    return prerelease < other.prerelease ? -1 : 1;
}

Domain::Result<std::optional<QString>> newestMatching(const QStringList &versions, const QString &constraint)
{
    static const QRegularExpression termPattern(u"^(!=|>=|=>|<=|=<|~>|[=<>~^])?\\s*(\\S+)$"_s);
    const auto improper = [&] { return Domain::failure(u"improper constraint: %1"_s.arg(constraint)); };

    QList<QList<Predicate>> alternatives;
    bool namesPrerelease = false;
    for (const QString &alternative : constraint.split(u"||"_s)) {
        QList<Predicate> all;
        // Terms are separated by commas or spaces; an operator may stand apart from its version.
        QStringList tokens = alternative.simplified().replace(u',', u' ').split(u' ', Qt::SkipEmptyParts);
        for (qsizetype i = 0; i + 1 < tokens.size(); ++i) {
            static const QRegularExpression bareOperator(u"^(!=|>=|=>|<=|=<|~>|[=<>~^])$"_s);
            if (bareOperator.match(tokens[i]).hasMatch()) {
                tokens[i] += tokens[i + 1];
                tokens.removeAt(i + 1);
            }
        }
        if (tokens.isEmpty() && constraint.trimmed().isEmpty())
            tokens.append(u"*"_s);
        if (tokens.isEmpty())
            return improper();
        for (const QString &token : tokens) {
            const auto match = termPattern.match(token);
            const auto pattern = match.hasMatch() ? parsePattern(match.captured(2)) : std::nullopt;
            if (!pattern)
                return improper();
            auto predicate = term(match.captured(1), *pattern);
            if (!predicate)
                return improper();
            namesPrerelease = namesPrerelease || !pattern->version.prerelease.isEmpty();
            all.append(*predicate);
        }
        alternatives.append(all);
    }

    std::optional<SemanticVersion> best;
    std::optional<QString> bestText;
    for (const QString &text : versions) {
        const auto version = SemanticVersion::parse(text);
        if (!version || (!version->prerelease.isEmpty() && !namesPrerelease))
            continue;
        const bool matches = std::ranges::any_of(alternatives, [&](const QList<Predicate> &all) {
            return std::ranges::all_of(all, [&](const Predicate &p) { return p(*version); });
        });
        if (matches && (!best || version->compare(*best) > 0)) {
            best = version;
            bestText = text;
        }
    }
    return bestText;
}

} // namespace Fluxdeck::Sandbox
