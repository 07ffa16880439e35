#pragma once

#include "error.h"

#include <QString>
#include <QStringList>

#include <optional>

// Semantic versions and the constraint language Helm uses for a chart's version (the
// Masterminds/semver v3 rules): "6.x", "4.11.x", "~1.2.3", "^1.2", ">=1.0.0 <2.0.0",
// "1.2 || 2.x", "=1.2.3", "!=1.2.3", "*" and the empty string (any).
namespace Fluxdeck::Sandbox {

struct SemanticVersion
{
    int major = 0;
    int minor = 0;
    int patch = 0;
    QString prerelease;

    static std::optional<SemanticVersion> parse(const QString &text);   // "v" prefix allowed
    int compare(const SemanticVersion &other) const;
};

// The newest of versions (any order) that satisfies constraint. Prereleases match only a
// constraint that names one. Fails with Helm's wording on a constraint it cannot parse
// ("improper constraint: 6.x.y.z"); nothing when no version matches.
Domain::Result<std::optional<QString>> newestMatching(const QStringList &versions, const QString &constraint);

} // namespace Fluxdeck::Sandbox
