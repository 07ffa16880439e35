#include "fluxextensionreleases.h"

#include <QFile>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Domain {

namespace {

QList<FluxExtensionRelease> readReleases()
{
    QList<FluxExtensionRelease> releases;
    QFile file(u":/fluxdeck/domain/microsoft-flux-release-history.tsv"_s);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("The microsoft.flux release table is missing from the domain library's resources");
    bool header = true;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (header || line.isEmpty()) {
            header = false;
            continue;
        }
        const QStringList fields = line.split(u'\t');
        FluxExtensionRelease release;
        release.version = QVersionNumber::fromString(fields.value(0));
        release.released = fields.value(1);
        release.fluxVersion = fields.value(2).startsWith(u'(') ? QString() : fields.value(2);
        release.notes = fields.value(9);
        if (!release.version.isNull())
            releases.append(release);
    }
    std::sort(releases.begin(), releases.end(), [](const FluxExtensionRelease &a, const FluxExtensionRelease &b) {
        return a.version < b.version;
    });
    return releases;
}

QString minorOf(const QVersionNumber &version)
{
    return u"%1.%2"_s.arg(version.majorVersion()).arg(version.minorVersion());
}

} // namespace

const QList<FluxExtensionRelease> &fluxExtensionReleases()
{
    static const QList<FluxExtensionRelease> releases = readReleases();
    return releases;
}

const FluxExtensionRelease &latestFluxExtensionRelease()
{
    return fluxExtensionReleases().constLast();
}

std::optional<FluxExtensionRelease> findFluxExtensionRelease(const QVersionNumber &version)
{
    for (const FluxExtensionRelease &release : fluxExtensionReleases()) {
        if (release.version == version)
            return release;
    }
    return std::nullopt;
}

QStringList supportedFluxExtensionMinors()
{
    QStringList minors;
    for (auto it = fluxExtensionReleases().crbegin(); it != fluxExtensionReleases().crend() && minors.size() < 3; ++it) {
        if (const QString minor = minorOf(it->version); !minors.contains(minor))
            minors.append(minor);
    }
    return minors;
}

bool isFluxExtensionSupported(const QVersionNumber &version)
{
    return version.segmentCount() >= 2 && supportedFluxExtensionMinors().contains(minorOf(version));
}

QVersionNumber fluxExtensionArm64Minimum()
{
    return {1, 7, 0};
}

} // namespace Fluxdeck::Domain
