#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace Fluxdeck::Items {

class AzureSession;
class ExplorerModel;
class OperationsModel;

// Fills the explorer from the signed-in session: the cloud, its subscriptions, their resource
// groups and clusters. Clusters come from one paged Azure Resource Graph query across every
// subscription — 10,000 clusters in a dozen requests — falling back to Resource Manager's
// per-subscription lists where Resource Graph is not allowed. Follows the session's state
// (signing in, failed, signed out) with a row that says so.
class ExplorerLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExplorerLoader)

public:
    ExplorerLoader(ExplorerModel *model, AzureSession *session, OperationsModel *operations = nullptr,
                   QObject *parent = nullptr);
    ~ExplorerLoader() override;

    // The cloud's name as the user knows it ("Sandbox", "AzureCloud").
    void setCloudName(const QString &name);
    // Loads again (after sign-in this happens by itself).
    void refresh();
    bool isLoading() const;
    // Requests the last load sent (Resource Graph pages, or the fallback's lists).
    int lastRequestCount() const;

Q_SIGNALS:
    void loaded(int clusters);
    void failed(const QString &message);

private:
    void sessionChanged();
    void queryResourceGraph();
    void listPerSubscription();
    void fill(const QList<QJsonObject> &clusters);

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Fluxdeck::Items
