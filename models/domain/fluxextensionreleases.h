#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QVersionNumber>

#include <optional>

// What Microsoft has released of the microsoft.flux cluster extension, from the release notes
// (data/microsoft-flux-release-history.tsv, kept as the docs publish it), and Microsoft's
// support policy over it: the latest minor version and the two before it (N-2).
namespace Fluxdeck::Domain {

struct FluxExtensionRelease
{
    QVersionNumber version;      // microsoft.flux, e.g. 1.24.1
    QString released;            // "August 2026", as the notes say
    QString fluxVersion;         // the upstream Flux it bundles, "2.7.5"; empty when not listed
    QString notes;
};

// Oldest first.
const QList<FluxExtensionRelease> &fluxExtensionReleases();
const FluxExtensionRelease &latestFluxExtensionRelease();
std::optional<FluxExtensionRelease> findFluxExtensionRelease(const QVersionNumber &version);

// The minor versions Microsoft supports now ("1.24", "1.23", "1.22"), newest first.
QStringList supportedFluxExtensionMinors();
// Is version in a supported minor? A patch release the table does not list yet still counts.
bool isFluxExtensionSupported(const QVersionNumber &version);

// ARM64 nodes need at least this microsoft.flux.
QVersionNumber fluxExtensionArm64Minimum();

} // namespace Fluxdeck::Domain
