#include "fluxrelease.h"

#include <QVersionNumber>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

namespace {

QString minorOf(const QVersionNumber &version)
{
    return QString::number(version.majorVersion()) % u'.' % QString::number(version.minorVersion());
}

} // namespace

QList<FluxController> fluxControllers()
{
    return {FluxController::Source,       FluxController::Kustomize,       FluxController::Helm,
            FluxController::Notification, FluxController::ImageAutomation, FluxController::ImageReflector};
}

QString fluxControllerName(FluxController controller)
{
    switch (controller) {
    case FluxController::Source:
        return u"source-controller"_s;
    case FluxController::Kustomize:
        return u"kustomize-controller"_s;
    case FluxController::Helm:
        return u"helm-controller"_s;
    case FluxController::Notification:
        return u"notification-controller"_s;
    case FluxController::ImageAutomation:
        return u"image-automation-controller"_s;
    case FluxController::ImageReflector:
        return u"image-reflector-controller"_s;
    }
    Q_UNREACHABLE_RETURN(QString());
}

QString FluxRelease::controllerVersion(FluxController controller) const
{
    switch (controller) {
    case FluxController::Source:
        return source;
    case FluxController::Kustomize:
        return kustomize;
    case FluxController::Helm:
        return helm;
    case FluxController::Notification:
        return notification;
    case FluxController::ImageAutomation:
        return imageAutomation;
    case FluxController::ImageReflector:
        return imageReflector;
    }
    Q_UNREACHABLE_RETURN(QString());
}

const QList<FluxRelease> &fluxReleases()
{
    // From the microsoft.flux release notes. Columns: version, Flux, then the source, kustomize,
    // helm, notification, image-automation and image-reflector controller images.
    static constexpr std::array<std::array<QStringView, 8>, 46> table{{
        {u"1.6.0", u"0.33.0", u"0.28.0", u"0.27.1", u"0.23.1", u"0.25.2", u"0.24.2", u"0.20.1"},
        {u"1.6.1", u"0.35.0", u"0.30.1", u"0.29.0", u"0.25.0", u"0.27.0", u"0.26.0", u"0.22.0"},
        {u"1.6.3", u"0.37.0", u"0.32.1", u"0.31.0", u"0.27.0", u"0.29.0", u"0.27.0", u"0.23.0"},
        // The notes list no Flux for 1.6.4, which only turned the extension reconciler off: 1.6.3's.
        {u"1.6.4", u"0.37.0", u"0.32.1", u"0.31.0", u"0.27.0", u"0.29.0", u"0.27.0", u"0.23.0"},
        {u"1.7.0", u"0.39.0", u"0.34.0", u"0.33.0", u"0.29.0", u"0.31.0", u"0.29.0", u"0.24.0"},
        {u"1.7.3", u"0.41.2", u"0.36.1", u"0.35.1", u"0.31.2", u"0.33.0", u"0.31.0", u"0.26.1"},
        {u"1.7.4", u"0.41.2", u"0.36.1", u"0.35.1", u"0.31.2", u"0.33.0", u"0.31.0", u"0.26.1"},
        {u"1.7.5", u"2.0.1", u"1.0.1", u"1.0.1", u"0.35.0", u"1.0.0", u"0.35.0", u"0.29.1"},
        {u"1.7.6", u"2.0.1", u"1.0.1", u"1.0.1", u"0.35.0", u"1.0.0", u"0.35.0", u"0.29.1"},
        {u"1.7.7", u"2.0.1", u"1.0.1", u"1.0.1", u"0.35.0", u"1.0.0", u"0.35.0", u"0.29.1"},
        {u"1.7.8", u"2.1.1", u"1.1.1", u"1.1.0", u"0.36.1", u"1.1.0", u"0.36.1", u"0.30.0"},
        {u"1.8.0", u"2.1.1", u"1.1.1", u"1.1.0", u"0.36.1", u"1.1.0", u"0.36.1", u"0.30.0"},
        {u"1.8.1", u"2.1.2", u"1.1.2", u"1.1.1", u"0.36.2", u"1.1.0", u"0.36.1", u"0.30.0"},
        {u"1.8.2", u"2.1.2", u"1.1.2", u"1.1.1", u"0.36.2", u"1.1.0", u"0.36.1", u"0.30.0"},
        {u"1.8.3", u"2.1.2", u"1.1.2", u"1.1.1", u"0.36.2", u"1.1.0", u"0.36.1", u"0.30.0"},
        {u"1.8.4", u"2.1.2", u"1.2.5", u"1.1.1", u"0.36.2", u"1.1.0", u"0.36.1", u"0.30.0"},
        {u"1.9.1", u"2.1.2", u"1.2.5", u"1.1.1", u"0.36.2", u"1.1.0", u"0.36.1", u"0.30.0"},
        {u"1.10.0", u"2.1.2", u"1.2.5", u"1.1.1", u"0.36.2", u"1.1.0", u"0.36.1", u"0.30.0"},
        {u"1.11.1", u"2.3.0", u"1.3.0", u"1.3.0", u"1.0.1", u"1.3.0", u"0.38.0", u"0.32.0"},
        {u"1.12.0", u"2.3.0", u"1.3.0", u"1.3.0", u"1.0.1", u"1.3.0", u"0.38.0", u"0.32.0"},
        {u"1.13.0", u"2.4.0", u"1.4.1", u"1.4.0", u"1.1.0", u"1.4.0", u"0.39.0", u"0.33.0"},
        {u"1.13.1", u"2.4.0", u"1.4.1", u"1.4.0", u"1.1.0", u"1.4.0", u"0.39.0", u"0.33.0"},
        {u"1.14.1", u"2.4.0", u"1.4.1", u"1.4.0", u"1.1.0", u"1.4.0", u"0.39.0", u"0.33.0"},
        {u"1.15.1", u"2.4.0", u"1.4.1", u"1.4.0", u"1.1.0", u"1.4.0", u"0.39.0", u"0.33.0"},
        // 1.15.2 shipped after 1.16.1 (a fix for the 1.15 line); versions, not dates, order the list.
        {u"1.15.2", u"2.4.0", u"1.4.1", u"1.4.0", u"1.1.0", u"1.4.0", u"0.39.0", u"0.33.0"},
        {u"1.16.1", u"2.5.1", u"1.5.0", u"1.5.1", u"1.2.0", u"1.5.0", u"0.40.0", u"0.34.0"},
        {u"1.16.2", u"2.5.1", u"1.5.0", u"1.5.1", u"1.2.0", u"1.5.0", u"0.40.0", u"0.34.0"},
        {u"1.16.3", u"2.5.1", u"1.5.0", u"1.5.1", u"1.2.0", u"1.5.0", u"0.40.0", u"0.34.0"},
        {u"1.16.8", u"2.5.1", u"1.5.0", u"1.5.2", u"1.2.0", u"1.5.0", u"0.40.0", u"0.34.0"},
        {u"1.16.12", u"2.5.1", u"1.5.0", u"1.5.2", u"1.2.0", u"1.5.0", u"0.40.0", u"0.34.0"},
        {u"1.17.2", u"2.6.4", u"1.6.2", u"1.6.1", u"1.3.0", u"1.6.0", u"0.41.2", u"0.35.2"},
        {u"1.17.3", u"2.6.4", u"1.6.2", u"1.6.1", u"1.3.0", u"1.6.0", u"0.41.2", u"0.35.2"},
        {u"1.18.2", u"2.6.4", u"1.6.3", u"1.6.1", u"1.3.1", u"1.6.0", u"0.41.2", u"0.35.2"},
        {u"1.18.4", u"2.6.4", u"1.6.4-2", u"1.6.1-5", u"1.3.2-2", u"1.6.0-5", u"0.41.2-5", u"0.35.2-5"},
        {u"1.18.5", u"2.6.4", u"1.6.4", u"1.6.1", u"1.3.2", u"1.6.0", u"0.41.2", u"0.35.2"},
        {u"1.19.5", u"2.6.4", u"1.6.4", u"1.6.1", u"1.3.2", u"1.6.0", u"0.41.2", u"0.35.2"},
        {u"1.20.4", u"2.6.4", u"1.6.4-7", u"1.6.1-10", u"1.3.2-5", u"1.6.0-9", u"0.41.2-10", u"0.35.2-9"},
        {u"1.21.0", u"2.6.4", u"1.6.4-8", u"1.6.1-11", u"1.3.2-6", u"1.6.0-10", u"0.41.2-11", u"0.35.2-10"},
        {u"1.21.1", u"2.6.4", u"1.6.4-13", u"1.6.1-15", u"1.3.2-8", u"1.6.0-12", u"0.41.2-14", u"0.35.2-12"},
        {u"1.22.1", u"2.6.4", u"1.6.4-14", u"1.6.1-15", u"1.3.2-8", u"1.6.0-13", u"0.41.2-14", u"0.35.2-12"},
        {u"1.22.2", u"2.6.4", u"1.6.4-19", u"1.6.1-20", u"1.3.2-11", u"1.6.0-16", u"0.41.2-19", u"0.35.2-15"},
        {u"1.23.0", u"2.7.5", u"1.7.4-10", u"1.7.3-9", u"1.4.5-8", u"1.7.5-7", u"1.0.4-9", u"1.0.4-6"},
        {u"1.23.1", u"2.7.5", u"1.7.4-13", u"1.7.3-12", u"1.4.5-11", u"1.7.5-10", u"1.0.4-12", u"1.0.4-9"},
        {u"1.23.3", u"2.7.5", u"1.7.4-16", u"1.7.3-13", u"1.4.5-13", u"1.7.5-11", u"1.0.4-13", u"1.0.4-10"},
        {u"1.24.0", u"2.7.5", u"1.7.4-20", u"1.7.3-15", u"1.4.5-15", u"1.7.5-13", u"1.0.4-15", u"1.0.4-12"},
        {u"1.24.1", u"2.7.5", u"1.7.4-23", u"1.7.3-17", u"1.4.5-16", u"1.7.5-15", u"1.0.4-16", u"1.0.4-13"},
    }};
    static const QList<FluxRelease> releases = [] {
        QList<FluxRelease> list;
        for (const auto &row : table) {
            list.append({row[0].toString(), row[1].toString(), row[2].toString(), row[3].toString(),
                         row[4].toString(), row[5].toString(), row[6].toString(), row[7].toString()});
        }
        return list;
    }();
    return releases;
}

const FluxRelease *findFluxRelease(QStringView version)
{
    const QList<FluxRelease> &releases = fluxReleases();
    const auto found = std::find_if(releases.cbegin(), releases.cend(),
                                    [version](const FluxRelease &release) { return release.version == version; });
    return found == releases.cend() ? nullptr : &*found;
}

QStringList fluxExtensionVersions()
{
    QStringList versions;
    for (const FluxRelease &release : fluxReleases())
        versions.append(release.version);
    return versions;
}

QString latestFluxExtensionVersion()
{
    return fluxReleases().constLast().version;
}

int compareFluxExtensionVersions(QStringView left, QStringView right)
{
    return QVersionNumber::compare(QVersionNumber::fromString(left), QVersionNumber::fromString(right));
}

QStringList supportWindow()
{
    QStringList minors;
    for (const FluxRelease &release : fluxReleases()) {
        const QString minor = minorOf(QVersionNumber::fromString(release.version));
        if (!minors.contains(minor))
            minors.append(minor);
    }
    return minors.mid(std::max<qsizetype>(0, minors.size() - 3));
}

bool withinSupportWindow(QStringView version)
{
    qsizetype end = 0;
    const QVersionNumber number = QVersionNumber::fromString(version, &end);
    // Judged by minor version: a patch the table does not know yet is still in its minor's window.
    if (end != version.size() || number.segmentCount() != 3)
        return false;
    return supportWindow().contains(minorOf(number));
}

} // namespace Fluxdeck::Sandbox
