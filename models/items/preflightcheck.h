#pragma once

#include <QAbstractListModel>
#include <QCoreApplication>
#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Fluxdeck::Items {

// One preflight check's outcome, as the doctor shows it and the report prints it.
struct PreflightCheck
{
    Q_GADGET
    Q_DECLARE_TR_FUNCTIONS(Fluxdeck::Items::PreflightCheck)

public:
    enum class Status {
        Running,   // being checked
        Passed,
        Info,      // nothing Fluxdeck can check from the desktop: listed for the user to verify
        Warning,
        Failed,
        Unknown,   // the check itself could not be made (no answer, no permission to look)
    };
    Q_ENUM(Status)

    QString id;            // "provider.Microsoft.KubernetesConfiguration", "identity", …
    QString title;         // what is checked, in the user's words
    Status status = Status::Running;
    QString explanation;   // what was found, why it matters, what to do
    QString fixLabel;      // the one-click fix, as a button would name it; empty without one
    bool fixAvailable = false;
    QString azCommand;     // the az CLI line for the fix, or for the check itself; may be empty

    static QString statusText(Status status);
};

// The rules behind the checks, as functions a test calls without a network (RBAC: azurerbac.h).

// Azure writes regions as display names ("West Europe") or names ("westeurope").
QString normalizedAzureLocation(const QString &location);
bool locationListed(const QStringList &locations, const QString &location);

// "arm64" for an Azure VM size whose additive features carry 'p' (an Arm-based processor, e.g.
// Standard_D4ps_v5), "amd64" for other sizes, empty when the name does not follow Azure's scheme.
QString architectureOfVmSize(const QString &vmSize);

// One address the cluster's agents must reach.
struct OutboundEndpoint
{
    QString address;   // "https://mcr.microsoft.com", "https://<region>.dp.kubernetesconfiguration.azure.com"
    QString purpose;   // translated
};

// What the microsoft.flux extension and (for Arc) the cluster agents need to reach, per cloud
// (Azure's network requirements for Arc-enabled Kubernetes and AKS cluster extensions).
// `resourceManager` picks the cloud; `authority` is the cloud's sign-in endpoint when known.
QList<OutboundEndpoint> outboundEndpoints(const QUrl &resourceManager, const QUrl &authority, const QString &region,
                                          bool connectedCluster);

// The doctor's checks as a list: one row a check, in a fixed order; rows change in place
// (dataChanged), so selection survives a re-run.
class PreflightModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreflightModel)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        TitleRole,
        StatusRole,          // PreflightCheck::Status
        StatusTextRole,
        ExplanationRole,
        FixLabelRole,
        FixAvailableRole,    // a one-click fix exists (and is not running)
        FixRunningRole,
        AzCommandRole,
    };

    explicit PreflightModel(QObject *parent = nullptr);
    ~PreflightModel() override;

    // Replaces the rows; with the same ids in the same order, updates them in place.
    void setChecks(const QList<PreflightCheck> &checks);
    // Updates the row with check.id; false when there is none.
    bool update(const PreflightCheck &check);
    void setFixRunning(const QString &id, bool running);

    const QList<PreflightCheck> &checks() const { return m_checks; }
    const PreflightCheck *check(const QString &id) const;
    int rowOf(const QString &id) const;   // -1 when unknown
    bool isFixRunning(const QString &id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QList<PreflightCheck> m_checks;
    QStringList m_fixesRunning;
};

} // namespace Fluxdeck::Items
