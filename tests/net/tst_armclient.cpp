// ArmClient against the sandbox's Resource Manager over loopback HTTPS: paging, long-running
// operations, retries under injected faults, and errors mapped to what a person can act on.

#include "armclient.h"
#include "clientsecretcredential.h"
#include "resultmessage.h"
#include "sandboxcloud.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;
using Fluxdeck::Net::ArmClient;
using Fluxdeck::Net::ArmError;
using Fluxdeck::Net::ArmReply;
using Fluxdeck::Net::ArmResponse;
using Fluxdeck::Net::ClientSecretCredential;
using Fluxdeck::Test::failureText;
using Fluxdeck::Test::SandboxCloud;

namespace {

const QString Prod = u"/subscriptions/6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5"_s;
const QString Dev = u"/subscriptions/7a2b3c4d-5e6f-4a7b-9c8d-e0f1a2b3c4d5"_s;
const QString ArcEdge = Prod + u"/resourceGroups/rg-edge/providers/Microsoft.Kubernetes/connectedClusters/"
                               "arc-edge-arm64"_s;
const QString AksProd = Prod + u"/resourceGroups/rg-gitops-prod/providers/Microsoft.ContainerService/managedClusters/"
                               "aks-prod-eastus"_s;
const QString AksDev = Dev + u"/resourceGroups/rg-dev/providers/Microsoft.ContainerService/managedClusters/"
                             "aks-dev-westus2"_s;

QString fluxConfiguration(const QString &cluster, const QString &name)
{
    return cluster + u"/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/"_s + name;
}

// The request body of Azure's CreateFluxConfiguration example (2025-04-01).
QJsonObject exampleConfiguration()
{
    const QJsonObject first{
        {u"path"_s, u"./test/path"_s},
        {u"dependsOn"_s, QJsonArray{}},
        {u"timeoutInSeconds"_s, 600},
        {u"syncIntervalInSeconds"_s, 600},
        {u"wait"_s, true},
        {u"postBuild"_s, QJsonObject{
             {u"substitute"_s, QJsonObject{{u"cluster_env"_s, u"prod"_s}, {u"replica_count"_s, u"2"_s}}},
             {u"substituteFrom"_s, QJsonArray{QJsonObject{{u"kind"_s, u"ConfigMap"_s}, {u"name"_s, u"cluster-test"_s},
                                                          {u"optional"_s, true}}}},
         }},
    };
    const QJsonObject second{
        {u"path"_s, u"./other/test/path"_s},
        {u"dependsOn"_s, QJsonArray{u"srs-kustomization1"_s}},
        {u"timeoutInSeconds"_s, 600},
        {u"syncIntervalInSeconds"_s, 600},
        {u"retryIntervalInSeconds"_s, 600},
        {u"prune"_s, false},
        {u"wait"_s, false},
        {u"postBuild"_s, QJsonObject{
             {u"substituteFrom"_s, QJsonArray{QJsonObject{{u"kind"_s, u"ConfigMap"_s}, {u"name"_s, u"cluster-values"_s},
                                                          {u"optional"_s, true}},
                                              QJsonObject{{u"kind"_s, u"Secret"_s}, {u"name"_s, u"secret-name"_s},
                                                          {u"optional"_s, false}}}},
         }},
    };
    return QJsonObject{{u"properties"_s, QJsonObject{
        {u"scope"_s, u"cluster"_s},
        {u"namespace"_s, u"srs-namespace"_s},
        {u"sourceKind"_s, u"GitRepository"_s},
        {u"suspend"_s, false},
        {u"gitRepository"_s, QJsonObject{
             {u"url"_s, u"https://github.com/Azure/arc-k8s-demo"_s},
             {u"timeoutInSeconds"_s, 600},
             {u"syncIntervalInSeconds"_s, 600},
             {u"repositoryRef"_s, QJsonObject{{u"branch"_s, u"master"_s}}},
             {u"httpsCACert"_s, u"ZXhhbXBsZWNlcnRpZmljYXRl"_s},
         }},
        {u"kustomizations"_s, QJsonObject{{u"srs-kustomization1"_s, first}, {u"srs-kustomization2"_s, second}}},
        {u"waitForReconciliation"_s, true},
        {u"reconciliationWaitDuration"_s, u"PT30M"_s},
    }}};
}

bool waitFor(ArmReply &reply)
{
    QSignalSpy finished(&reply, &ArmReply::finished);
    return reply.isFinished() || finished.wait(60000);
}

Fluxdeck::Domain::Result<ArmResponse> outcome(const ArmReply &reply)
{
    return reply.result().transform_error([](const ArmError &error) { return error.toError(); });
}

// One client with its own credential against one sandbox.
struct Connection
{
    Connection(QNetworkAccessManager *network, const SandboxCloud &sandbox)
        : credential(network, sandbox.cloud(), sandbox.cloud().servicePrincipalTenant,
                     sandbox.cloud().servicePrincipalClientId, sandbox.cloud().servicePrincipalSecret)
    {
        auto options = ArmClient::Options::forCloud(sandbox.cloud());
        options->retryDelay = std::chrono::milliseconds(100);
        client = std::make_unique<ArmClient>(network, &credential, *options);
    }

    ClientSecretCredential credential;
    std::unique_ptr<ArmClient> client;
};

} // namespace

class TestArmClient : public QObject
{
    Q_OBJECT

private:
    // Records the reply's retries and clears the sandbox's faults at the first, so the retry
    // meets none; the faults are cleared before the retry's timer starts.
    void clearFaultsOnRetry(ArmReply &reply, QList<qint64> *delays, QStringList *reasons)
    {
        connect(&reply, &ArmReply::retrying, this, [this, delays, reasons](int, qint64 delay, const QString &reason) {
            delays->append(delay);
            reasons->append(reason);
            QVERIFY(m_sandbox.setFaults({}));
        });
    }

    SandboxCloud &slowSandbox()
    {
        if (!m_slowStarted) {
            auto options = SandboxCloud::quickOptions();
            options.operationDuration = std::chrono::minutes(5);
            const auto started = m_slow.start(options);
            m_slowStarted = bool(started);
        }
        return m_slow;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const auto started = m_sandbox.start();
        QVERIFY2(started, failureText(started));
        m_connection = std::make_unique<Connection>(&m_network, m_sandbox);
    }

    void cleanup()
    {
        QVERIFY(m_sandbox.setFaults({}));
    }

    void getsAResource()
    {
        const auto reply = m_connection->client->get(Prod);
        QVERIFY(!reply->isFinished());
        QVERIFY(waitFor(*reply));
        const auto result = outcome(*reply);
        QVERIFY2(result, failureText(result));
        QCOMPARE(result->httpStatus, 200);
        QCOMPARE(u"/subscriptions/"_s + result->body.value(u"subscriptionId").toString(), Prod);
        QVERIFY(!result->requestId.isEmpty());
        // The sandbox echoes x-ms-client-request-id as Resource Manager does: it was sent.
        QCOMPARE(QUuid::fromString(QLatin1StringView(result->clientRequestId)).isNull(), false);
        QCOMPARE(reply->attempts(), 1);
    }

    void apiVersionsAreAccepted_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("subscriptions") << u"/subscriptions"_s;
        QTest::newRow("resource groups") << Prod + u"/resourcegroups"_s;
        QTest::newRow("managed clusters") << Prod + u"/providers/Microsoft.ContainerService/managedClusters"_s;
        QTest::newRow("connected clusters") << Prod + u"/providers/Microsoft.Kubernetes/connectedClusters"_s;
        QTest::newRow("extensions") << AksProd + u"/providers/Microsoft.KubernetesConfiguration/extensions"_s;
        QTest::newRow("flux configurations") << AksProd + u"/providers/Microsoft.KubernetesConfiguration/fluxConfigurations"_s;
    }

    void apiVersionsAreAccepted()
    {
        QFETCH(QString, path);
        const auto reply = m_connection->client->list(path);
        QVERIFY(waitFor(*reply));
        const auto result = outcome(*reply);
        QVERIFY2(result, failureText(result));
        QVERIFY(!result->values.isEmpty());
    }

    void listsFollowNextLink()
    {
        const auto reply = m_connection->client->list(Prod + u"/providers"_s);
        QSignalSpy pages(reply.get(), &ArmReply::pageReceived);
        QVERIFY(waitFor(*reply));
        const auto result = outcome(*reply);
        QVERIFY2(result, failureText(result));
        // Page size 2: every page but the last is full, and every page was fetched.
        QVERIFY(result->values.size() > 4);
        QCOMPARE(result->pages, int((result->values.size() + 1) / 2));
        QCOMPARE(pages.count(), result->pages);
        QCOMPARE(pages.last().at(1).toLongLong(), result->values.size());
        QStringList namespaces;
        for (const QJsonValue provider : result->values)
            namespaces.append(provider.toObject().value(u"namespace").toString());
        QVERIFY(namespaces.contains(u"Microsoft.KubernetesConfiguration"_s));
        QCOMPARE(QSet<QString>(namespaces.cbegin(), namespaces.cend()).size(), namespaces.size());
    }

    void pagingCanBeCancelled()
    {
        const auto reply = m_connection->client->list(Prod + u"/providers"_s);
        connect(reply.get(), &ArmReply::pageReceived, reply.get(), &ArmReply::cancel);
        QVERIFY(waitFor(*reply));
        QVERIFY(!reply->result());
        QCOMPARE(reply->result().error().kind, ArmError::Kind::Cancelled);
        QCOMPARE(reply->attempts(), 1);
    }

    void repliesMayBeDeletedFromTheirSignals()
    {
        // Owners often drop a reply as soon as it reports; nothing may touch it afterwards
        // (the asan preset catches any use after free).
        std::unique_ptr<ArmReply> paging = m_connection->client->list(Prod + u"/providers"_s);
        bool pageSeen = false;
        connect(paging.get(), &ArmReply::pageReceived, this, [&] {
            paging.reset();
            pageSeen = true;
        });
        std::unique_ptr<ArmReply> single = m_connection->client->get(Prod);
        bool finishedSeen = false;
        connect(single.get(), &ArmReply::finished, this, [&] {
            single.reset();
            finishedSeen = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(pageSeen && finishedSeen, 30000);
        QVERIFY(!paging);
        QVERIFY(!single);
    }

    void resourceGraphPages()
    {
        const QString query = u"resources | where type =~ 'microsoft.containerservice/managedclusters' or type =~ "
                              "'microsoft.kubernetes/connectedclusters' | project name | order by name asc"_s;
        const auto names = [](const ArmResponse &response) {
            QStringList result;
            for (const QJsonValue row : response.values)
                result.append(row.toObject().value(u"name").toString());
            return result;
        };
        const auto whole = m_connection->client->queryResourceGraph(query, m_sandbox.server().subscriptionIds());
        QVERIFY(waitFor(*whole));
        const auto onePage = outcome(*whole);
        QVERIFY2(onePage, failureText(onePage));
        QCOMPARE(onePage->pages, 1);
        QVERIFY(names(*onePage).contains(u"aks-prod-eastus"_s));
        QVERIFY(names(*onePage).contains(u"arc-edge-arm64"_s));

        // Two rows a page: $skipToken walks the same rows, in the same order.
        const auto paged = m_connection->client->queryResourceGraph(query, m_sandbox.server().subscriptionIds(), 2);
        QSignalSpy pages(paged.get(), &ArmReply::pageReceived);
        QVERIFY(waitFor(*paged));
        const auto result = outcome(*paged);
        QVERIFY2(result, failureText(result));
        QCOMPARE(names(*result), names(*onePage));
        QCOMPARE(result->pages, int((onePage->values.size() + 1) / 2));
        QVERIFY(result->pages >= 3);
        QCOMPARE(pages.count(), result->pages);
    }

    void putPollsTheOperationToSucceeded()
    {
        const QString path = fluxConfiguration(ArcEdge, u"srs-fluxconfig"_s);
        const auto reply = m_connection->client->put(path, exampleConfiguration());
        QStringList states;
        connect(reply.get(), &ArmReply::operationStatusChanged, this, [&states](const QString &state) {
            states.append(state);
        });
        QVERIFY(waitFor(*reply));
        const auto result = outcome(*reply);
        QVERIFY2(result, failureText(result));
        QCOMPARE(states.value(0), u"Creating"_s);
        QCOMPARE(states.last(), u"Succeeded"_s);
        QVERIFY(reply->attempts() >= 3);   // the PUT, at least one poll, the final read
        const QJsonObject properties = result->body.value(u"properties").toObject();
        QCOMPARE(result->body.value(u"name").toString(), u"srs-fluxconfig"_s);
        QCOMPARE(properties.value(u"provisioningState").toString(), u"Succeeded"_s);
        QCOMPARE(properties.value(u"kustomizations").toObject().value(u"srs-kustomization2").toObject()
                     .value(u"dependsOn").toArray(),
                 QJsonArray{u"srs-kustomization1"_s});

        // Deleting waits for its operation too; afterwards the configuration is gone.
        const auto removed = m_connection->client->remove(path);
        QVERIFY(waitFor(*removed));
        const auto deletion = outcome(*removed);
        QVERIFY2(deletion, failureText(deletion));
        const auto gone = m_connection->client->get(path);
        QVERIFY(waitFor(*gone));
        QVERIFY(!gone->result());
        QCOMPARE(gone->result().error().kind, ArmError::Kind::NotFound);
    }

    void cancellingStopsPolling()
    {
        SandboxCloud &slow = slowSandbox();
        QVERIFY(m_slowStarted);
        Connection connection(&m_network, slow);
        const auto reply = connection.client->put(fluxConfiguration(AksProd, u"cancelled"_s), exampleConfiguration());
        QSignalSpy accepted(reply.get(), &ArmReply::operationStatusChanged);
        QVERIFY(accepted.wait(30000));   // Azure accepted the PUT; polling waits for Retry-After
        QCOMPARE(accepted.first().first().toString(), u"Creating"_s);
        const int attempts = reply->attempts();
        QSignalSpy finished(reply.get(), &ArmReply::finished);
        reply->cancel();
        QCOMPARE(finished.count(), 1);
        QVERIFY(!reply->result());
        const ArmError error = reply->result().error();
        QCOMPARE(error.kind, ArmError::Kind::Cancelled);
        QVERIFY(error.whilePolling);
        QVERIFY(error.userMessage().contains(u"stopped waiting"_s));
        QCOMPARE(reply->attempts(), attempts);
    }

    void conflictIsExplained()
    {
        SandboxCloud &slow = slowSandbox();
        QVERIFY(m_slowStarted);
        Connection connection(&m_network, slow);
        const QString path = fluxConfiguration(ArcEdge, u"busy"_s);
        const auto first = connection.client->put(path, exampleConfiguration());
        QSignalSpy accepted(first.get(), &ArmReply::operationStatusChanged);
        QVERIFY(accepted.wait(30000));
        const auto second = connection.client->put(path, exampleConfiguration());
        QVERIFY(waitFor(*second));
        QVERIFY(!second->result());
        const ArmError error = second->result().error();
        QCOMPARE(error.kind, ArmError::Kind::Conflict);
        QCOMPARE(error.httpStatus, 409);
        QCOMPARE(second->attempts(), 1);   // a conflict is not retried
        QVERIFY(error.userMessage().contains(u"Another operation is running on 'busy'"_s));
        QVERIFY(!error.requestId.isEmpty());
        first->cancel();
    }

    void unregisteredProviderIsExplained()
    {
        const auto reply = m_connection->client->put(fluxConfiguration(AksDev, u"cluster-config"_s), exampleConfiguration());
        QVERIFY(waitFor(*reply));
        QVERIFY(!reply->result());
        const ArmError error = reply->result().error();
        QCOMPARE(error.kind, ArmError::Kind::Conflict);
        QCOMPARE(error.code, u"MissingSubscriptionRegistration"_s);
        QVERIFY(error.userMessage().contains(u"az provider register --namespace Microsoft.KubernetesConfiguration"_s));
    }

    void forbiddenNamesTheMissingPermission()
    {
        // The caller may only read the retail store's cluster (the sandbox's RBAC), as Azure answers.
        const QString retail = Prod + u"/resourceGroups/rg-edge/providers/Microsoft.Kubernetes/connectedClusters/"
                                      "arc-retail-store-01"_s;
        const auto reply = m_connection->client->put(fluxConfiguration(retail, u"cluster-config"_s), exampleConfiguration());
        QVERIFY(waitFor(*reply));
        QVERIFY(!reply->result());
        const ArmError error = reply->result().error();
        QCOMPARE(error.kind, ArmError::Kind::Forbidden);
        QCOMPARE(error.httpStatus, 403);
        QCOMPARE(error.code, u"AuthorizationFailed"_s);
        QCOMPARE(error.missingPermission(), u"Microsoft.KubernetesConfiguration/fluxConfigurations/write"_s);
        QVERIFY2(error.userMessage().contains(u"Microsoft.KubernetesConfiguration/fluxConfigurations/write"_s),
                 qPrintable(error.userMessage()));
        QCOMPARE(reply->attempts(), 1);   // refusals are not retried
    }

    void notFoundIsExplained()
    {
        const auto reply = m_connection->client->get(fluxConfiguration(AksProd, u"absent"_s));
        QVERIFY(waitFor(*reply));
        QVERIFY(!reply->result());
        const ArmError error = reply->result().error();
        QCOMPARE(error.kind, ArmError::Kind::NotFound);
        QCOMPARE(error.httpStatus, 404);
        QVERIFY(error.userMessage().contains(u"'absent'"_s));
        QCOMPARE(reply->attempts(), 1);
    }

    void unauthorizedRefreshesTheTokenOnce()
    {
        const auto before = m_connection->client->get(Prod);
        QVERIFY(waitFor(*before));
        QVERIFY(before->result());
        QVERIFY(m_sandbox.expireTokens());   // the cached token is now refused
        const auto reply = m_connection->client->get(Prod);
        QVERIFY(waitFor(*reply));
        const auto result = outcome(*reply);
        QVERIFY2(result, failureText(result));
        QCOMPARE(reply->attempts(), 2);
    }

    void unauthorizedAfterRefreshSaysSignInAgain()
    {
        SandboxCloud sandbox;
        auto options = SandboxCloud::quickOptions();
        options.tokenLifetime = std::chrono::seconds(0);   // every token is refused
        const auto started = sandbox.start(options);
        QVERIFY2(started, failureText(started));
        Connection connection(&m_network, sandbox);
        const auto reply = connection.client->get(Prod);
        QVERIFY(waitFor(*reply));
        QVERIFY(!reply->result());
        const ArmError error = reply->result().error();
        QCOMPARE(error.kind, ArmError::Kind::Auth);
        QCOMPARE(error.httpStatus, 401);
        QCOMPARE(reply->attempts(), 2);
        QVERIFY(error.userMessage().contains(u"Sign in again"_s));
    }

    void throttlingHonoursRetryAfter()
    {
        QVERIFY(m_sandbox.setFaults(u"throttle@GET /subscriptions:1"_s));
        const auto reply = m_connection->client->get(u"/subscriptions"_s);
        QList<qint64> delays;
        QStringList reasons;
        clearFaultsOnRetry(*reply, &delays, &reasons);
        QVERIFY(waitFor(*reply));
        const auto result = outcome(*reply);
        QVERIFY2(result, failureText(result));
        QCOMPARE(delays, QList<qint64>{1000});
        QCOMPARE(reasons, QStringList{u"HTTP 429 TooManyRequests"_s});
        QCOMPARE(reply->attempts(), 2);
    }

    void throttlingBeyondTheRetriesIsReported()
    {
        QVERIFY(m_sandbox.setFaults(u"throttle@GET /subscriptions:1"_s));
        auto options = m_connection->client->options();
        options.maxRetries = 1;
        ArmClient client(&m_network, &m_connection->credential, options);
        const auto reply = client.get(u"/subscriptions"_s);
        QSignalSpy retries(reply.get(), &ArmReply::retrying);
        QVERIFY(waitFor(*reply));
        QVERIFY(!reply->result());
        const ArmError error = reply->result().error();
        QCOMPARE(error.kind, ArmError::Kind::Throttled);
        QVERIFY(error.retryAfter);
        QCOMPARE(error.retryAfter->count(), 1);
        QCOMPARE(error.attempts, 2);
        QCOMPARE(retries.count(), 1);
        QVERIFY(error.userMessage().contains(u"throttling"_s));
    }

    void aLongRetryAfterIsReportedNotWaitedOut()
    {
        QVERIFY(m_sandbox.setFaults(u"throttle@GET /subscriptions:600"_s));
        const auto reply = m_connection->client->get(u"/subscriptions"_s);
        QSignalSpy retries(reply.get(), &ArmReply::retrying);
        QVERIFY(waitFor(*reply));
        QVERIFY(!reply->result());
        QCOMPARE(reply->result().error().kind, ArmError::Kind::Throttled);
        QVERIFY(reply->result().error().retryAfter);
        QCOMPARE(reply->result().error().retryAfter->count(), 600);
        QCOMPARE(retries.count(), 0);
    }

    void serviceUnavailableIsRetried()
    {
        QVERIFY(m_sandbox.setFaults(u"error503@GET /subscriptions:1"_s));
        const auto reply = m_connection->client->get(u"/subscriptions"_s);
        QList<qint64> delays;
        QStringList reasons;
        clearFaultsOnRetry(*reply, &delays, &reasons);
        QVERIFY(waitFor(*reply));
        const auto result = outcome(*reply);
        QVERIFY2(result, failureText(result));
        QCOMPARE(reasons, QStringList{u"HTTP 503 ServiceUnavailable"_s});
        QCOMPARE(delays, QList<qint64>{1000});
    }

    void serverErrorsBackOff()
    {
        QVERIFY(m_sandbox.setFaults(u"error500@GET /subscriptions"_s));
        auto options = m_connection->client->options();
        options.maxRetries = 3;
        ArmClient client(&m_network, &m_connection->credential, options);
        const auto reply = client.get(u"/subscriptions"_s);
        QList<qint64> delays;
        connect(reply.get(), &ArmReply::retrying, this, [&delays](int, qint64 delay, const QString &) {
            delays.append(delay);
        });
        QVERIFY(waitFor(*reply));
        QVERIFY(!reply->result());
        QCOMPARE(reply->result().error().kind, ArmError::Kind::Server);
        QCOMPARE(reply->attempts(), 4);
        // 100 ms, 200 ms, 400 ms, each within ±20 %.
        QCOMPARE(delays.size(), 3);
        for (int i = 0; i < delays.size(); ++i) {
            const qint64 base = 100 << i;
            if (delays[i] < base * 8 / 10 || delays[i] > base * 12 / 10)
                QFAIL(qPrintable(u"retry %1 after %2 ms"_s.arg(i + 1).arg(delays[i])));
        }
    }

    void resetConnectionIsRetried()
    {
        QVERIFY(m_sandbox.setFaults(u"reset@GET /subscriptions"_s));
        const auto reply = m_connection->client->get(u"/subscriptions"_s);
        QList<qint64> delays;
        QStringList reasons;
        clearFaultsOnRetry(*reply, &delays, &reasons);
        QVERIFY(waitFor(*reply));
        const auto result = outcome(*reply);
        QVERIFY2(result, failureText(result));
        QCOMPARE(reasons.size(), 1);
        QVERIFY(reasons.first().startsWith(u"Network"_s));
        QCOMPARE(result->values.size(), 0);
        QCOMPARE(result->body.value(u"value").toArray().size(), 2);
    }

    void truncatedAnswerIsReportedNotRetriedForever()
    {
        QVERIFY(m_sandbox.setFaults(u"truncate@GET /subscriptions"_s));
        auto options = m_connection->client->options();
        options.maxRetries = 2;
        ArmClient client(&m_network, &m_connection->credential, options);
        const auto reply = client.get(u"/subscriptions"_s);
        QVERIFY(waitFor(*reply));
        QVERIFY(!reply->result());
        const ArmError error = reply->result().error();
        QCOMPARE(reply->attempts(), 3);   // bounded: the first try and two retries
        // The sandbox sends the status, the headers and half the body, then drops the connection.
        QCOMPARE(error.kind, ArmError::Kind::Truncated);
        QVERIFY2(error.userMessage().contains(u"cut off"_s), qPrintable(error.userMessage()));
    }

    void bodyCutOffAfterTheStatusIsTruncated()
    {
        // The status line and headers come at once, the body's first piece only after five
        // seconds: with a one-second transfer timeout the answer stops midway.
        SandboxCloud sandbox;
        auto sandboxOptions = SandboxCloud::quickOptions();
        sandboxOptions.faults = u"slow@GET /subscriptions:20000"_s;
        const auto started = sandbox.start(sandboxOptions);
        QVERIFY2(started, failureText(started));
        Connection connection(&m_network, sandbox);
        auto options = connection.client->options();
        options.maxRetries = 1;
        options.transferTimeout = std::chrono::milliseconds(1000);
        ArmClient client(&m_network, &connection.credential, options);
        const auto reply = client.get(u"/subscriptions"_s);
        QSignalSpy retries(reply.get(), &ArmReply::retrying);
        QVERIFY(waitFor(*reply));
        QVERIFY(!reply->result());
        const ArmError error = reply->result().error();
        QCOMPARE(error.kind, ArmError::Kind::Truncated);
        QCOMPARE(error.httpStatus, 200);
        QCOMPARE(reply->attempts(), 2);
        QCOMPARE(retries.count(), 1);
        QVERIFY(retries.first().at(2).toString().startsWith(u"Truncated"_s));
        QVERIFY(error.userMessage().contains(u"cut off"_s));
    }

    void postIsRetriedOnlyWithAnOperationId()
    {
        const QString registration = Prod + u"/providers/Microsoft.KubernetesConfiguration/register"_s;
        QVERIFY(m_sandbox.setFaults(u"error503@POST */register:1"_s));
        const auto plain = m_connection->client->post(registration);
        QSignalSpy retries(plain.get(), &ArmReply::retrying);
        QVERIFY(waitFor(*plain));
        QVERIFY(!plain->result());
        QCOMPARE(plain->result().error().kind, ArmError::Kind::Server);
        QCOMPARE(plain->attempts(), 1);
        QCOMPARE(retries.count(), 0);

        const auto identified = m_connection->client->post(registration, {}, "3c9e1f6a-operation");
        QList<qint64> delays;
        QStringList reasons;
        clearFaultsOnRetry(*identified, &delays, &reasons);
        QVERIFY(waitFor(*identified));
        const auto result = outcome(*identified);
        QVERIFY2(result, failureText(result));
        QCOMPARE(identified->attempts(), 2);
        QCOMPARE(result->body.value(u"registrationState").toString(), u"Registered"_s);
    }

    void certificatesAreVerified()
    {
        // The credential trusts the sandbox; this client only the system's CAs, as for Azure. It
        // has its own network access manager: Qt reuses a verified connection for any request to
        // the same host, whatever that request's TLS configuration says.
        QNetworkAccessManager network;
        ArmClient::Options options = m_connection->client->options();
        options.ssl = QSslConfiguration::defaultConfiguration();
        ArmClient client(&network, &m_connection->credential, options);
        const auto reply = client.get(Prod);
        QVERIFY(waitFor(*reply));
        QVERIFY(!reply->result());
        QCOMPARE(reply->result().error().kind, ArmError::Kind::Tls);
        QCOMPARE(reply->attempts(), 1);
    }

    void tokensStayWithTheirCloud()
    {
        const auto reply = m_connection->client->get(u"https://127.0.0.2:9/subscriptions"_s);
        QVERIFY(waitFor(*reply));
        QVERIFY(!reply->result());
        QCOMPARE(reply->result().error().kind, ArmError::Kind::Invalid);
        QCOMPARE(reply->attempts(), 0);
    }

private:
    QNetworkAccessManager m_network;
    SandboxCloud m_sandbox;
    SandboxCloud m_slow;
    bool m_slowStarted = false;
    std::unique_ptr<Connection> m_connection;
};

QTEST_GUILESS_MAIN(TestArmClient)
#include "tst_armclient.moc"
