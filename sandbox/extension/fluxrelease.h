#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace Fluxdeck::Sandbox {

// The Flux controllers microsoft.flux can deploy, in the order the workload lists them.
enum class FluxController { Source, Kustomize, Helm, Notification, ImageAutomation, ImageReflector };

QList<FluxController> fluxControllers();
QString fluxControllerName(FluxController controller); // "source-controller", as Kubernetes names it

// One microsoft.flux release and the upstream Flux it bundles.
struct FluxRelease
{
    QString version;     // microsoft.flux, e.g. "1.24.1"
    QString fluxVersion; // the Flux distribution, e.g. "2.7.5"
    // Image versions without the "v"; Microsoft's rebuilds add a "-N" revision (e.g. "1.7.4-23").
    QString source;
    QString kustomize;
    QString helm;
    QString notification;
    QString imageAutomation;
    QString imageReflector;

    QString controllerVersion(FluxController controller) const;
};

// Every microsoft.flux release, oldest first.
const QList<FluxRelease> &fluxReleases();
const FluxRelease *findFluxRelease(QStringView version);
QStringList fluxExtensionVersions();
QString latestFluxExtensionVersion();

// Orders microsoft.flux versions numerically ("1.9.1" < "1.10.0"): <0, 0 or >0.
int compareFluxExtensionVersions(QStringView left, QStringView right);

// Azure supports the latest microsoft.flux minor version and the two before it (N-2): with
// 1.24.x the newest, 1.22.x, 1.23.x and 1.24.x are supported. The minors, oldest first ("1.22").
QStringList supportWindow();
bool withinSupportWindow(QStringView version);

// Clusters with ARM64 nodes run microsoft.flux from this version on.
inline constexpr QStringView FluxArm64MinimumVersion = u"1.7.0";

} // namespace Fluxdeck::Sandbox
