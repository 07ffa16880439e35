// The sandbox's Entra and Resource Manager surface, over real loopback HTTPS.

#include "server/identityservice.h"
#include "server/resourcestore.h"
#include "server/sandboxserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QStandardPaths>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using Fluxdeck::Sandbox::SandboxServer;

namespace {

struct Reply
{
    int status = 0;
    QJsonObject json;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    qint64 elapsedMs = 0;
};

class Client
{
public:
    explicit Client(SandboxServer &server)
        : m_server(server)
    {
        m_ssl = QSslConfiguration::defaultConfiguration();
        const auto ca = QSslCertificate::fromPath(server.caCertificatePath());
        QList<QSslCertificate> roots = m_ssl.caCertificates();
        roots.append(ca);
        m_ssl.setCaCertificates(roots);
    }

    Reply send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {},
               const QByteArray &contentType = "application/json", bool authorize = true)
    {
        QUrl url = pathAndQuery.startsWith(u"https://") ? QUrl(pathAndQuery) : QUrl(m_server.baseUrl().toString() + pathAndQuery);
        QNetworkRequest request(url);
        request.setSslConfiguration(m_ssl);
        if (!body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH")
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        if (authorize && !m_token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + m_token);
        QElapsedTimer clock;
        clock.start();
        QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(20000);
        Reply result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.error = reply->error();
        result.elapsedMs = clock.elapsed();
        result.body = reply->readAll();
        result.json = QJsonDocument::fromJson(result.body).object();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            result.headers.insert(name.toLower(), value);
        reply->deleteLater();
        return result;
    }

    Reply get(const QString &path) { return send("GET", path); }
    Reply put(const QString &path, const QJsonObject &body)
    {
        return send("PUT", path, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }

    bool signIn()
    {
        QUrlQuery form;
        form.addQueryItem(u"grant_type"_s, u"client_credentials"_s);
        form.addQueryItem(u"client_id"_s, m_server.clientId());
        form.addQueryItem(u"client_secret"_s, m_server.clientSecret());
        form.addQueryItem(u"scope"_s, m_server.baseUrl().toString() + u"/.default"_s);
        const Reply reply = send("POST", u"/"_s + m_server.tenantId() + u"/oauth2/v2.0/token"_s,
                                 form.toString(QUrl::FullyEncoded).toUtf8(), "application/x-www-form-urlencoded", false);
        m_token = reply.json.value(u"access_token").toString().toUtf8();
        return reply.status == 200 && !m_token.isEmpty();
    }

    void setToken(const QByteArray &token) { m_token = token; }

private:
    SandboxServer &m_server;
    QNetworkAccessManager m_network;
    QSslConfiguration m_ssl;
    QByteArray m_token;
};

const QString Prod = u"/subscriptions/6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5"_s;
const QString Dev = u"/subscriptions/7a2b3c4d-5e6f-4a7b-9c8d-e0f1a2b3c4d5"_s;
const QString Config = u"?api-version=2025-04-01"_s;

QString cluster(const QString &subscription, const QString &group, const QString &provider, const QString &name)
{
    return subscription + u"/resourceGroups/"_s + group + u"/providers/"_s + provider + u'/' + name;
}

QString fluxConfigurationPath(const QString &clusterPath, const QString &name)
{
    return clusterPath + u"/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/"_s + name;
}

QJsonObject demoConfiguration(const QJsonObject &kustomizations)
{
    return QJsonObject{{u"properties"_s, QJsonObject{
        {u"scope"_s, u"cluster"_s},
        {u"namespace"_s, u"cluster-config"_s},
        {u"sourceKind"_s, u"GitRepository"_s},
        {u"gitRepository"_s, QJsonObject{{u"url"_s, u"https://github.com/Azure/gitops-flux2-kustomize-helm-mt"_s},
                                         {u"repositoryRef"_s, QJsonObject{{u"branch"_s, u"main"_s}}}}},
        {u"kustomizations"_s, kustomizations},
        {u"configurationProtectedSettings"_s, QJsonObject{{u"sshPrivateKey"_s, u"c2VjcmV0"_s}}},
    }}};
}

QJsonObject infraAndApps()
{
    return QJsonObject{{u"infra"_s, QJsonObject{{u"path"_s, u"./infrastructure"_s}, {u"prune"_s, true}}},
                       {u"apps"_s, QJsonObject{{u"path"_s, u"./apps/staging"_s}, {u"prune"_s, true},
                                              {u"dependsOn"_s, QJsonArray{u"infra"_s}}}}};
}

// The demo configuration with what 2023-05-01 and later add: postBuild on a kustomization, the
// reconciliation wait, and (2024-11-01) the Git provider.
QJsonObject configurationWithNewerSettings()
{
    QJsonObject body = demoConfiguration(infraAndApps());
    QJsonObject properties = body.value(u"properties").toObject();
    QJsonObject kustomizations = properties.value(u"kustomizations").toObject();
    QJsonObject apps = kustomizations.value(u"apps").toObject();
    apps.insert(u"postBuild"_s, QJsonObject{{u"substitute"_s, QJsonObject{{u"cluster"_s, u"prod"_s}}}});
    kustomizations.insert(u"apps"_s, apps);
    properties.insert(u"kustomizations"_s, kustomizations);
    properties.insert(u"waitForReconciliation"_s, false);
    properties.insert(u"reconciliationWaitDuration"_s, u"PT10M"_s);
    QJsonObject git = properties.value(u"gitRepository").toObject();
    git.insert(u"provider"_s, u"Generic"_s);
    properties.insert(u"gitRepository"_s, git);
    body.insert(u"properties"_s, properties);
    return body;
}

// What the cluster reports changes while a test reads: left out where two answers are compared.
QJsonObject withoutReportedState(QJsonObject resource)
{
    QJsonObject properties = resource.value(u"properties").toObject();
    for (const QString &key : {u"complianceState"_s, u"statuses"_s, u"sourceSyncedCommitId"_s, u"sourceUpdatedAt"_s,
                               u"statusUpdatedAt"_s, u"errorMessage"_s})
        properties.remove(key);
    resource.insert(u"properties"_s, properties);
    return resource;
}

// RFC 7636 appendix B: a code verifier and its S256 challenge.
const QString RfcCodeVerifier = u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_s;
const QString RfcCodeChallenge = u"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"_s;
const QString AzureCliClient = u"04b07795-8ddb-461a-bbee-02f9e1bf7b46"_s;

// What a public client sends to the authorize endpoint; a test changes or drops one parameter.
QList<std::pair<QString, QString>> authorizeParameters(const QString &redirectUri)
{
    return {
        {u"client_id"_s, AzureCliClient},
        {u"response_type"_s, u"code"_s},
        {u"redirect_uri"_s, redirectUri},
        {u"scope"_s, u"https://management.azure.com/.default offline_access"_s},
        {u"state"_s, u"xyz 1+2&3"_s},
        {u"code_challenge"_s, RfcCodeChallenge},
        {u"code_challenge_method"_s, u"S256"_s},
        {u"prompt"_s, u"select_account"_s},
    };
}

QString authorizePath(const QString &tenant, const QList<std::pair<QString, QString>> &parameters)
{
    QStringList pairs;
    for (const auto &[name, value] : parameters)
        pairs.append(QString(name + u'=' + QString::fromLatin1(QUrl::toPercentEncoding(value))));
    return u"/"_s + tenant + u"/oauth2/v2.0/authorize?"_s + pairs.join(u'&');
}

// A browser's first step: the GET, without following Entra's redirect to the loopback port.
Reply browse(SandboxServer &server, const QString &pathAndQuery)
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(server.baseUrl().toString() + pathAndQuery));
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.addCaCertificates(server.caCertificatePath());
    request.setSslConfiguration(ssl);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = network.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(20000);
    Reply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->error();
    result.body = reply->readAll();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        result.headers.insert(name.toLower(), value);
    delete reply;
    return result;
}

// The query of the redirect a browse() answer points to, fully decoded.
QUrlQuery redirectQuery(const Reply &reply)
{
    return QUrlQuery(QUrl::fromEncoded(reply.headers.value("location")).query(QUrl::FullyEncoded));
}

} // namespace

class TestSandboxServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_state.isValid());
        m_server = std::make_unique<SandboxServer>();
        SandboxServer::Options options;
        options.stateDirectory = m_state.path();
        options.pageSize = 2;
        options.operationDuration = std::chrono::milliseconds(200);
        options.registrationDuration = std::chrono::milliseconds(200);
        options.deviceApprovalDelay = std::chrono::milliseconds(60000);
        const auto started = m_server->start(options);
        QVERIFY2(started, qPrintable(started ? QString() : started.error().toString()));
        m_client = std::make_unique<Client>(*m_server);
    }

    void cleanup()
    {
        m_client.reset();
        m_server.reset();
        QDir(m_state.path()).removeRecursively();
        QDir().mkpath(m_state.path());
    }

    void clientCredentialsSignIn()
    {
        QVERIFY(m_client->signIn());
        m_client->setToken({});
        QUrlQuery form;
        form.addQueryItem(u"grant_type"_s, u"client_credentials"_s);
        form.addQueryItem(u"client_id"_s, m_server->clientId());
        form.addQueryItem(u"client_secret"_s, u"wrong"_s);
        form.addQueryItem(u"scope"_s, u"https://management.azure.com/.default"_s);
        const Reply bad = m_client->send("POST", u"/"_s + m_server->tenantId() + u"/oauth2/v2.0/token"_s,
                                         form.toString(QUrl::FullyEncoded).toUtf8(), "application/x-www-form-urlencoded");
        QCOMPARE(bad.status, 401);
        QCOMPARE(bad.json.value(u"error").toString(), u"invalid_client"_s);
        QVERIFY(bad.json.value(u"error_description").toString().startsWith(u"AADSTS7000215"_s));

        const Reply discovery = m_client->get(u"/"_s + m_server->tenantId() + u"/v2.0/.well-known/openid-configuration"_s);
        QCOMPARE(discovery.status, 200);
        QCOMPARE(discovery.json.value(u"token_endpoint").toString(),
                 m_server->baseUrl().toString() + u'/' + m_server->tenantId() + u"/oauth2/v2.0/token"_s);
    }

    void deviceCodeAndRefresh()
    {
        QUrlQuery form;
        form.addQueryItem(u"client_id"_s, u"04b07795-8ddb-461a-bbee-02f9e1bf7b46"_s);
        form.addQueryItem(u"scope"_s, u"https://management.azure.com/.default offline_access"_s);
        const QString base = u"/organizations/oauth2/v2.0/"_s;
        const Reply code = m_client->send("POST", base + u"devicecode"_s, form.toString(QUrl::FullyEncoded).toUtf8(),
                                          "application/x-www-form-urlencoded", false);
        QCOMPARE(code.status, 200);
        const QString userCode = code.json.value(u"user_code").toString();
        QCOMPARE(userCode.size(), 9);

        QUrlQuery poll;
        poll.addQueryItem(u"grant_type"_s, u"urn:ietf:params:oauth:grant-type:device_code"_s);
        poll.addQueryItem(u"client_id"_s, u"04b07795-8ddb-461a-bbee-02f9e1bf7b46"_s);
        poll.addQueryItem(u"device_code"_s, code.json.value(u"device_code").toString());
        const QByteArray pollBody = poll.toString(QUrl::FullyEncoded).toUtf8();
        Reply pending = m_client->send("POST", base + u"token"_s, pollBody, "application/x-www-form-urlencoded", false);
        QCOMPARE(pending.status, 400);
        QCOMPARE(pending.json.value(u"error").toString(), u"authorization_pending"_s);

        // Approve through the control endpoint, as a test or a demo script does.
        QNetworkAccessManager network;
        QNetworkRequest approve(QUrl(m_server->baseUrl().toString() + u"/sandbox/devicecode/approve"_s));
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(m_server->caCertificatePath());
        approve.setSslConfiguration(ssl);
        approve.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        const Reply wrongKey = m_client->send("POST", u"/sandbox/devicecode/approve"_s,
                                              QJsonDocument(QJsonObject{{u"user_code"_s, userCode}}).toJson());
        QCOMPARE(wrongKey.status, 401);
        approve.setRawHeader("X-Sandbox-Key", m_server->clientSecret().toUtf8());
        QNetworkReply *approved = network.post(approve, QJsonDocument(QJsonObject{{u"user_code"_s, userCode}}).toJson());
        QSignalSpy done(approved, &QNetworkReply::finished);
        QVERIFY(done.wait(10000));
        QCOMPARE(approved->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 204);
        delete approved;

        const Reply token = m_client->send("POST", base + u"token"_s, pollBody, "application/x-www-form-urlencoded", false);
        QCOMPARE(token.status, 200);
        const QString refresh = token.json.value(u"refresh_token").toString();
        QVERIFY(!refresh.isEmpty());

        QUrlQuery again;
        again.addQueryItem(u"grant_type"_s, u"refresh_token"_s);
        again.addQueryItem(u"client_id"_s, u"04b07795-8ddb-461a-bbee-02f9e1bf7b46"_s);
        again.addQueryItem(u"refresh_token"_s, refresh);
        const Reply refreshed = m_client->send("POST", base + u"token"_s, again.toString(QUrl::FullyEncoded).toUtf8(),
                                               "application/x-www-form-urlencoded", false);
        QCOMPARE(refreshed.status, 200);
        QVERIFY(refreshed.json.value(u"refresh_token").toString() != refresh);
        // A refresh token is single use.
        const Reply reused = m_client->send("POST", base + u"token"_s, again.toString(QUrl::FullyEncoded).toUtf8(),
                                            "application/x-www-form-urlencoded", false);
        QCOMPARE(reused.json.value(u"error").toString(), u"invalid_grant"_s);
    }

    void resourceManagerNeedsAValidToken()
    {
        const Reply missing = m_client->get(u"/subscriptions?api-version=2022-12-01"_s);
        QCOMPARE(missing.status, 401);
        QCOMPARE(missing.json.value(u"error").toObject().value(u"code").toString(), u"AuthenticationFailed"_s);
        QVERIFY(missing.headers.value("www-authenticate").startsWith("Bearer authorization_uri="));
        m_client->setToken("forged");
        QCOMPARE(m_client->get(u"/subscriptions?api-version=2022-12-01"_s).json.value(u"error").toObject()
                     .value(u"code").toString(), u"InvalidAuthenticationToken"_s);
    }

    void apiVersionsAreChecked()
    {
        QVERIFY(m_client->signIn());
        const Reply none = m_client->get(u"/subscriptions"_s);
        QCOMPARE(none.status, 400);
        QCOMPARE(none.json.value(u"error").toObject().value(u"code").toString(), u"MissingApiVersionParameter"_s);
        const Reply old = m_client->get(u"/subscriptions?api-version=2001-01-01"_s);
        QCOMPARE(old.json.value(u"error").toObject().value(u"code").toString(), u"InvalidApiVersionParameter"_s);
        const Reply config = m_client->get(cluster(Prod, u"rg-gitops-prod"_s, u"Microsoft.ContainerService/managedClusters"_s,
                                                   u"aks-prod-eastus"_s)
                                           + u"/providers/Microsoft.KubernetesConfiguration/fluxConfigurations?api-version=2019-01-01"_s);
        QCOMPARE(config.status, 400);
        const QJsonObject error = config.json.value(u"error").toObject();
        QCOMPARE(error.value(u"code").toString(), u"NoRegisteredProviderFound"_s);
        QVERIFY(error.value(u"message").toString().contains(u"2023-05-01"_s));
        // Every version real clients pin is served.
        for (const QString &version : {u"2022-03-01"_s, u"2023-05-01"_s, u"2024-11-01"_s, u"2025-04-01"_s}) {
            QCOMPARE(m_client->get(cluster(Prod, u"rg-gitops-prod"_s, u"Microsoft.ContainerService/managedClusters"_s,
                                           u"aks-prod-eastus"_s)
                                   + u"/providers/Microsoft.KubernetesConfiguration/fluxConfigurations?api-version="_s
                                   + version).status, 200);
        }
        QVERIFY(!m_client->get(u"/subscriptions?api-version=2022-12-01"_s).headers.value("x-ms-request-id").isEmpty());
    }

    void listsPageWithNextLink()
    {
        QVERIFY(m_client->signIn());
        QStringList names;
        QString next = Prod + u"/providers/Microsoft.Kubernetes/connectedClusters?api-version=2024-12-01-preview"_s;
        int pages = 0;
        QString managed = Prod + u"/providers/Microsoft.ContainerService/managedClusters?api-version=2025-03-01"_s;
        for (QString *url : {&next, &managed}) {
            while (!url->isEmpty()) {
                const Reply page = m_client->get(*url);
                QCOMPARE(page.status, 200);
                for (const QJsonValue item : page.json.value(u"value").toArray()) {
                    names.append(item.toObject().value(u"name").toString());
                    QVERIFY(!item.toObject().contains(u"__cluster"));
                }
                *url = page.json.value(u"nextLink").toString();
                ++pages;
            }
        }
        names.sort();
        QCOMPARE(names, (QStringList{u"aks-legacy-spn"_s, u"aks-prod-eastus"_s, u"arc-edge-arm64"_s,
                                     u"arc-factory-doha"_s, u"arc-factory-pi"_s, u"arc-retail-store-01"_s}));
        QCOMPARE(pages, 3);   // page size 2: two managed clusters on one page, four connected on two

        const Reply subscriptions = m_client->get(u"/subscriptions?api-version=2022-12-01"_s);
        QCOMPARE(subscriptions.json.value(u"value").toArray().size(), 2);
        const Reply groups = m_client->get(Prod + u"/resourcegroups?api-version=2024-11-01"_s);
        QCOMPARE(groups.json.value(u"value").toArray().size(), 2);
    }

    void providerRegistrationIsAsynchronous()
    {
        QVERIFY(m_client->signIn());
        const QString provider = Dev + u"/providers/Microsoft.KubernetesConfiguration"_s;
        QCOMPARE(m_client->get(provider + u"?api-version=2024-11-01"_s).json.value(u"registrationState").toString(),
                 u"NotRegistered"_s);

        // Creating a configuration there fails as in Azure, naming the namespace to register.
        const QString devCluster = cluster(Dev, u"rg-dev"_s, u"Microsoft.ContainerService/managedClusters"_s, u"aks-dev-westus2"_s);
        const Reply refused = m_client->put(fluxConfigurationPath(devCluster, u"cluster-config"_s) + Config,
                                            demoConfiguration(infraAndApps()));
        QCOMPARE(refused.status, 409);
        QCOMPARE(refused.json.value(u"error").toObject().value(u"code").toString(), u"MissingSubscriptionRegistration"_s);

        const Reply registering = m_client->send("POST", provider + u"/register?api-version=2024-11-01"_s);
        QCOMPARE(registering.json.value(u"registrationState").toString(), u"Registering"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_client->get(provider + u"?api-version=2024-11-01"_s).json.value(u"registrationState")
                                      .toString(), u"Registered"_s, 10000);
        QCOMPARE(m_client->put(fluxConfigurationPath(devCluster, u"cluster-config"_s) + Config,
                               demoConfiguration(infraAndApps())).status, 201);
    }

    void accessAndRegionsAreChecked()
    {
        QVERIFY(m_client->signIn());
        const QString retail = cluster(Prod, u"rg-edge"_s, u"Microsoft.Kubernetes/connectedClusters"_s, u"arc-retail-store-01"_s);
        const QString prod = cluster(Prod, u"rg-gitops-prod"_s, u"Microsoft.ContainerService/managedClusters"_s, u"aks-prod-eastus"_s);
        const QString permissions = u"/providers/Microsoft.Authorization/permissions?api-version=2022-04-01"_s;

        // The permissions API says what the caller may do at a scope.
        const Reply full = m_client->get(prod + permissions);
        QCOMPARE(full.status, 200);
        QCOMPARE(full.json[u"value"][0][u"actions"].toArray(), QJsonArray{u"*"_s});
        const Reply reader = m_client->get(retail + permissions);
        QCOMPARE(reader.status, 200);
        QVERIFY(reader.json[u"value"][0][u"actions"].toArray().contains(u"*/read"_s));
        QCOMPARE(m_client->get(retail + u"/providers/Microsoft.Authorization/permissions"_s).status, 400);

        // ... and writes outside it are refused as Azure refuses them.
        const Reply refused = m_client->put(fluxConfigurationPath(retail, u"cluster-config"_s) + Config,
                                            demoConfiguration(infraAndApps()));
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.json[u"error"][u"code"].toString(), u"AuthorizationFailed"_s);
        QVERIFY2(refused.json[u"error"][u"message"].toString().contains(
                     u"'Microsoft.KubernetesConfiguration/fluxConfigurations/write'"_s),
                 refused.body.constData());
        QCOMPARE(m_client->send("DELETE", retail + u"/providers/Microsoft.KubernetesConfiguration/extensions/flux"
                                                   "?api-version=2025-03-01"_s).status, 403);
        // Reading its credentials is part of the role it has.
        QCOMPARE(m_client->send("POST", retail + u"/listClusterUserCredential?api-version=2024-12-01-preview"_s,
                                R"({"authenticationMethod":"Token","clientProxy":false})").status, 200);

        // GitOps is not offered in every region Arc reaches.
        const QString doha = cluster(Prod, u"rg-factory"_s, u"Microsoft.Kubernetes/connectedClusters"_s, u"arc-factory-doha"_s);
        const Reply region = m_client->put(fluxConfigurationPath(doha, u"cluster-config"_s) + Config,
                                           demoConfiguration(infraAndApps()));
        QCOMPARE(region.status, 400);
        QCOMPARE(region.json[u"error"][u"code"].toString(), u"LocationNotAvailableForResourceType"_s);
        QVERIFY(region.json[u"error"][u"message"].toString().contains(u"'qatarcentral'"_s));

        // The ARM64 board's extension predates ARM64 support and failed.
        const QString pi = cluster(Prod, u"rg-factory"_s, u"Microsoft.Kubernetes/connectedClusters"_s, u"arc-factory-pi"_s);
        const Reply extension = m_client->get(pi + u"/providers/Microsoft.KubernetesConfiguration/extensions/flux"
                                                   "?api-version=2025-03-01"_s);
        QCOMPARE(extension.json[u"properties"][u"provisioningState"].toString(), u"Failed"_s);
        QCOMPARE(extension.json[u"properties"][u"currentVersion"].toString(), u"1.6.3"_s);
        QVERIFY(extension.json[u"properties"][u"errorInfo"][u"message"].toString().contains(u"linux/arm64"_s));
    }

    void secretPropertiesAreWriteOnly()
    {
        // x-ms-secret properties (an Azure Blob account key, a service principal's secret) are
        // accepted, never answered, never written to the state directory.
        QVERIFY(m_client->signIn());
        const QString arc = cluster(Prod, u"rg-edge"_s, u"Microsoft.Kubernetes/connectedClusters"_s, u"arc-edge-arm64"_s);
        const QString path = fluxConfigurationPath(arc, u"blob-config"_s);
        const QJsonObject body{{u"properties"_s, QJsonObject{
            {u"namespace"_s, u"blob-config"_s},
            {u"sourceKind"_s, u"AzureBlob"_s},
            {u"azureBlob"_s, QJsonObject{{u"url"_s, u"https://contoso.blob.core.windows.net"_s},
                                         {u"containerName"_s, u"gitops"_s},
                                         {u"accountKey"_s, u"YWNjb3VudC1rZXk="_s},
                                         {u"servicePrincipal"_s, QJsonObject{{u"clientId"_s, u"4b7a1c2d-0000-4000-8000-000000000001"_s},
                                                                            {u"tenantId"_s, m_server->tenantId()},
                                                                            {u"clientSecret"_s, u"c3BuLXNlY3JldA=="_s}}}}},
            {u"kustomizations"_s, QJsonObject{{u"apps"_s, QJsonObject{{u"path"_s, u"./apps"_s}}}}},
        }}};
        const Reply created = m_client->put(path + Config, body);
        QCOMPARE(created.status, 201);
        QVERIFY(!created.body.contains("YWNjb3VudC1rZXk="));
        QVERIFY(!created.body.contains("c3BuLXNlY3JldA=="));
        QCOMPARE(created.json[u"properties"][u"azureBlob"][u"containerName"].toString(), u"gitops"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_client->get(path + Config).json[u"properties"][u"provisioningState"].toString(),
                                  u"Succeeded"_s, 10000);
        const Reply got = m_client->get(path + Config);
        QVERIFY(!got.body.contains("YWNjb3VudC1rZXk="));
        QVERIFY(!got.body.contains("c3BuLXNlY3JldA=="));
        m_server->flush();
        QFile saved(m_state.filePath(u"cloud.json"_s));
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray state = saved.readAll();
        QVERIFY(state.contains("blob-config"));
        QVERIFY(!state.contains("YWNjb3VudC1rZXk="));
        QVERIFY(!state.contains("c3BuLXNlY3JldA=="));
        QCOMPARE(m_client->send("DELETE", path + Config).status, 202);
    }

    void fluxConfigurationLifecycle()
    {
        QVERIFY(m_client->signIn());
        const QString spn = cluster(Prod, u"rg-gitops-prod"_s, u"Microsoft.ContainerService/managedClusters"_s, u"aks-legacy-spn"_s);
        const QString path = fluxConfigurationPath(spn, u"cluster-config"_s);

        const Reply created = m_client->put(path + Config, demoConfiguration(infraAndApps()));
        QCOMPARE(created.status, 201);
        const QJsonObject properties = created.json.value(u"properties").toObject();
        QCOMPARE(properties.value(u"provisioningState").toString(), u"Creating"_s);
        QVERIFY(!properties.contains(u"configurationProtectedSettings"));
        QVERIFY(!created.body.contains("c2VjcmV0"));
        QCOMPARE(properties.value(u"kustomizations").toObject().value(u"apps").toObject().value(u"wait").toBool(), true);
        const QByteArray async = created.headers.value("azure-asyncoperation");
        QVERIFY(async.contains("/operations/"));
        QCOMPARE(created.headers.value("retry-after"), QByteArray("1"));

        // A second write while the first runs is a conflict.
        QCOMPARE(m_client->put(path + Config, demoConfiguration(infraAndApps())).status, 409);

        QTRY_COMPARE_WITH_TIMEOUT(m_client->get(QString::fromLatin1(async)).json.value(u"status").toString(),
                                  u"Succeeded"_s, 10000);
        const Reply got = m_client->get(path + Config);
        QCOMPARE(got.json.value(u"properties").toObject().value(u"provisioningState").toString(), u"Succeeded"_s);
        QVERIFY(!got.body.contains("c2VjcmV0"));

        // The first configuration installed microsoft.flux as "flux".
        const Reply extension = m_client->get(spn + u"/providers/Microsoft.KubernetesConfiguration/extensions/flux?api-version=2025-03-01"_s);
        QCOMPARE(extension.status, 200);
        QCOMPARE(extension.json.value(u"properties").toObject().value(u"extensionType").toString(), u"microsoft.flux"_s);

        const Reply deleted = m_client->send("DELETE", path + Config);
        QCOMPARE(deleted.status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(m_client->get(path + Config).status, 404, 10000);
        QCOMPARE(m_client->send("DELETE", path + Config).status, 204);
    }

    void validationMatchesAzure_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("message");
        QJsonObject unknown = infraAndApps();
        unknown.insert(u"apps"_s, QJsonObject{{u"path"_s, u"./apps"_s}, {u"dependsOn"_s, QJsonArray{u"infrastructure"_s}}});
        QTest::newRow("dependsOn unknown") << demoConfiguration(unknown) << u"depends on 'infrastructure'"_s;
        QJsonObject cycle{{u"a"_s, QJsonObject{{u"dependsOn"_s, QJsonArray{u"b"_s}}}},
                          {u"b"_s, QJsonObject{{u"dependsOn"_s, QJsonArray{u"a"_s}}}}};
        QTest::newRow("cycle") << demoConfiguration(cycle) << u"cycle"_s;
        QJsonObject noRef = demoConfiguration(infraAndApps());
        QJsonObject p = noRef.value(u"properties").toObject();
        p.insert(u"gitRepository"_s, QJsonObject{{u"url"_s, u"https://github.com/Azure/gitops-flux2-kustomize-helm-mt"_s}});
        noRef.insert(u"properties"_s, p);
        QTest::newRow("no repositoryRef") << noRef << u"repositoryRef needs one of"_s;
        p.insert(u"gitRepository"_s, QJsonObject{{u"url"_s, u"ftp://example.com/repo"_s},
                                                 {u"repositoryRef"_s, QJsonObject{{u"branch"_s, u"main"_s}}}});
        QJsonObject badUrl = noRef;
        badUrl.insert(u"properties"_s, p);
        QTest::newRow("bad url") << badUrl << u"ftp://example.com/repo"_s;
    }

    void validationMatchesAzure()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QString, message);
        QVERIFY(m_client->signIn());
        const QString path = fluxConfigurationPath(
            cluster(Prod, u"rg-gitops-prod"_s, u"Microsoft.ContainerService/managedClusters"_s, u"aks-prod-eastus"_s),
            u"second"_s);
        const Reply reply = m_client->put(path + Config, body);
        QCOMPARE(reply.status, 400);
        QVERIFY2(reply.json.value(u"error").toObject().value(u"message").toString().contains(message), reply.body.constData());
    }

    void gitRepositoriesAreServed()
    {
        // The demo repository answers under its public URL's path, to anyone (it is public).
        const QJsonObject rewrites = m_server->announcement().value(u"gitInsteadOf").toObject();
        const QString sandboxGitHub = m_server->baseUrl().toString() + u"/git/github.com/"_s;
        QCOMPARE(rewrites.value(sandboxGitHub).toString(), u"https://github.com/"_s);
        const Reply refs = m_client->send(
            "GET", u"/git/github.com/Azure/gitops-flux2-kustomize-helm-mt.git/info/refs?service=git-upload-pack"_s, {}, {},
            false);
        QCOMPARE(refs.status, 200);
        QCOMPARE(refs.headers.value("content-type"), QByteArray("application/x-git-upload-pack-advertisement"));
        QVERIFY(refs.body.contains("refs/heads/main"));
        QCOMPARE(m_client->send("GET", u"/git/github.com/nobody/nothing.git/info/refs?service=git-upload-pack"_s, {}, {},
                                false).status, 404);

        // And a real Git client clones it by its public URL, trusting only the sandbox CA.
        const QString gitProgram = QStandardPaths::findExecutable(u"git"_s);
        if (gitProgram.isEmpty())
            QSKIP("git is not installed");
        QTemporaryDir work;
        QProcess git;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"GIT_SSL_CAINFO"_s, m_server->caCertificatePath());
        environment.insert(u"GIT_TERMINAL_PROMPT"_s, u"0"_s);
        git.setProcessEnvironment(environment);
        git.setStandardInputFile(QProcess::nullDevice());
        git.start(gitProgram, {u"-c"_s, u"url.%1.insteadOf=https://github.com/"_s.arg(sandboxGitHub), u"clone"_s,
                               u"--quiet"_s, u"https://github.com/Azure/gitops-flux2-kustomize-helm-mt"_s,
                               work.filePath(u"demo"_s)});
        QVERIFY(git.waitForStarted());
        // The event loop keeps turning while we wait, so this thread serves the clone's requests.
        QTRY_VERIFY_WITH_TIMEOUT(git.state() == QProcess::NotRunning, 60000);
        QVERIFY2(git.exitCode() == 0, git.readAllStandardError().constData());
        QVERIFY(QFile::exists(work.filePath(u"demo/apps/staging/kustomization.yaml"_s)));
        QVERIFY(QFile::exists(work.filePath(u"demo/infrastructure/kustomization.yaml"_s)));
    }

    void extensionSettingsAreValidated()
    {
        QVERIFY(m_client->signIn());
        const QString arm64 = cluster(Prod, u"rg-edge"_s, u"Microsoft.Kubernetes/connectedClusters"_s, u"arc-edge-arm64"_s);
        const QString path = arm64 + u"/providers/Microsoft.KubernetesConfiguration/extensions/flux?api-version=2025-03-01"_s;
        const auto extension = [](const QJsonObject &settings, const QString &version) {
            QJsonObject properties{{u"extensionType"_s, u"microsoft.flux"_s}, {u"configurationSettings"_s, settings}};
            if (!version.isEmpty()) {
                properties.insert(u"version"_s, version);
                properties.insert(u"autoUpgradeMinorVersion"_s, false);
            }
            return QJsonObject{{u"properties"_s, properties}};
        };
        const Reply badLevel = m_client->put(path, extension({{u"helm-controller.log-level"_s, u"trace"_s}}, {}));
        QCOMPARE(badLevel.status, 400);
        QVERIFY2(badLevel.json.value(u"error").toObject().value(u"message").toString().contains(u"helm-controller.log-level"_s),
                 badLevel.body.constData());
        // ARM64 nodes need microsoft.flux 1.7.0 or later.
        const Reply old = m_client->put(path, extension({}, u"1.6.3"_s));
        QCOMPARE(old.status, 400);
        QVERIFY2(old.json.value(u"error").toObject().value(u"message").toString().contains(u"1.7.0"_s), old.body.constData());
        const Reply good = m_client->put(path, extension({{u"image-automation-controller.enabled"_s, u"true"_s}}, {}));
        QCOMPARE(good.status, 201);
    }

    void fluxExtensionRunsItsControllers()
    {
        QVERIFY(m_client->signIn());
        const auto kubeAccess = [&](const QString &clusterPath, const QByteArray &body) {
            const Reply credential = m_client->send("POST", clusterPath + u"/listClusterUserCredential?api-version="_s
                                                        + (clusterPath.contains(u"connectedClusters"_s)
                                                               ? u"2024-12-01-preview"_s : u"2025-03-01"_s), body);
            const QByteArray kubeconfig = QByteArray::fromBase64(
                credential.json.value(u"kubeconfigs").toArray().at(0).toObject().value(u"value").toString().toLatin1());
            const auto field = [&](const QByteArray &name) {
                const qsizetype at = kubeconfig.indexOf(QByteArray(name + ": "));
                return QString::fromLatin1(kubeconfig.mid(at + name.size() + 2,
                                                          kubeconfig.indexOf('\n', at) - at - name.size() - 2));
            };
            return std::pair{field("server"), field("token").toLatin1()};
        };
        const auto names = [&](const std::pair<QString, QByteArray> &access, const QString &path) {
            Client kube(*m_server);
            kube.setToken(access.second);
            const Reply list = kube.get(access.first + path);
            QStringList result;
            for (const QJsonValue item : list.json.value(u"items").toArray())
                result.append(item.toObject().value(u"metadata").toObject().value(u"name").toString());
            return std::pair{list.status, result};
        };

        // The demo's production cluster has microsoft.flux from the start.
        const auto prod = kubeAccess(cluster(Prod, u"rg-gitops-prod"_s, u"Microsoft.ContainerService/managedClusters"_s,
                                             u"aks-prod-eastus"_s), {});
        const auto prodDeployments = names(prod, u"/apis/apps/v1/namespaces/flux-system/deployments"_s);
        QCOMPARE(prodDeployments.first, 200);
        QVERIFY2(prodDeployments.second.contains(u"source-controller"_s), qPrintable(prodDeployments.second.join(u' ')));
        QVERIFY(prodDeployments.second.contains(u"fluxconfig-agent"_s));
        QVERIFY(!prodDeployments.second.contains(u"image-automation-controller"_s));

        // Installing it with image automation on brings that controller; turning it off removes it.
        const QString arc = cluster(Prod, u"rg-edge"_s, u"Microsoft.Kubernetes/connectedClusters"_s, u"arc-edge-arm64"_s);
        const QString extension = arc + u"/providers/Microsoft.KubernetesConfiguration/extensions/flux?api-version=2025-03-01"_s;
        const auto install = [&](const QString &enabled) {
            const Reply reply = m_client->put(extension, QJsonObject{{u"properties"_s, QJsonObject{
                {u"extensionType"_s, u"microsoft.flux"_s},
                {u"configurationSettings"_s, QJsonObject{{u"image-automation-controller.enabled"_s, enabled},
                                                         {u"image-reflector-controller.enabled"_s, enabled}}}}}});
            return QString::fromLatin1(reply.headers.value("azure-asyncoperation"));
        };
        const QString created = install(u"true"_s);
        QVERIFY(!created.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(m_client->get(created).json.value(u"status").toString(), u"Succeeded"_s, 10000);
        const auto edge = kubeAccess(arc, R"({"authenticationMethod":"Token"})");
        QVERIFY(names(edge, u"/apis/apps/v1/namespaces/flux-system/deployments"_s).second
                    .contains(u"image-automation-controller"_s));
        const Reply pods = [&] {
            Client kube(*m_server);
            kube.setToken(edge.second);
            return kube.get(edge.first + u"/api/v1/namespaces/flux-system/pods"_s);
        }();
        QVERIFY(!pods.json.value(u"items").toArray().isEmpty());
        for (const QJsonValue pod : pods.json.value(u"items").toArray())
            QCOMPARE(pod.toObject().value(u"status").toObject().value(u"phase").toString(), u"Running"_s);

        const QString updated = install(u"false"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_client->get(updated).json.value(u"status").toString(), u"Succeeded"_s, 10000);
        QVERIFY(!names(edge, u"/apis/apps/v1/namespaces/flux-system/deployments"_s).second
                     .contains(u"image-automation-controller"_s));

        QCOMPARE(m_client->send("DELETE", extension).status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(names(edge, u"/api/v1/namespaces/flux-system/pods"_s).second.size(), 0, 10000);
    }

    void clusterCredentialIsAKubeconfig()
    {
        QVERIFY(m_client->signIn());
        const QString arc = cluster(Prod, u"rg-edge"_s, u"Microsoft.Kubernetes/connectedClusters"_s, u"arc-edge-arm64"_s);
        const Reply refused = m_client->send("POST", arc + u"/listClusterUserCredential?api-version=2024-12-01-preview"_s, "{}");
        QCOMPARE(refused.status, 400);
        const Reply reply = m_client->send("POST", arc + u"/listClusterUserCredential?api-version=2024-12-01-preview"_s,
                                           R"({"authenticationMethod":"Token","clientProxy":false})");
        QCOMPARE(reply.status, 200);
        const QByteArray kubeconfig = QByteArray::fromBase64(
            reply.json.value(u"kubeconfigs").toArray().at(0).toObject().value(u"value").toString().toLatin1());
        QVERIFY(kubeconfig.contains(QByteArray("server: " + m_server->baseUrl().toString().toUtf8() + "/k8s/")));
        QVERIFY(kubeconfig.contains("certificate-authority-data: "));
        QVERIFY(kubeconfig.contains("token: "));
    }

    void stateSurvivesARestart()
    {
        QVERIFY(m_client->signIn());
        const QString path = fluxConfigurationPath(
            cluster(Prod, u"rg-gitops-prod"_s, u"Microsoft.ContainerService/managedClusters"_s, u"aks-prod-eastus"_s),
            u"kept"_s);
        QCOMPARE(m_client->put(path + Config, demoConfiguration(infraAndApps())).status, 201);
        const QString ca = m_server->caCertificatePath();
        const QByteArray caPem = [&] { QFile f(ca); f.open(QIODevice::ReadOnly); return f.readAll(); }();
        m_client.reset();
        m_server.reset();

        m_server = std::make_unique<SandboxServer>();
        SandboxServer::Options options;
        options.stateDirectory = m_state.path();
        QVERIFY(m_server->start(options));
        m_client = std::make_unique<Client>(*m_server);
        QVERIFY(m_client->signIn());
        QCOMPARE(m_client->get(path + Config).status, 200);
        QFile again(m_server->caCertificatePath());
        QVERIFY(again.open(QIODevice::ReadOnly));
        QCOMPARE(again.readAll(), caPem);   // the same CA: clients keep trusting it
    }

    void resourceGraphQueriesTheFleet()
    {
        QVERIFY(m_client->signIn());
        const QString endpoint = u"/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01"_s;
        const auto query = [&](const QString &kql, const QJsonObject &options = {}, const QStringList &subscriptions = {}) {
            QJsonObject body{{u"query"_s, kql}};
            if (!options.isEmpty())
                body.insert(u"options"_s, options);
            if (!subscriptions.isEmpty())
                body.insert(u"subscriptions"_s, QJsonArray::fromStringList(subscriptions));
            return m_client->send("POST", endpoint, QJsonDocument(body).toJson(QJsonDocument::Compact));
        };

        const Reply clusters = query(u"resources | where type =~ 'microsoft.containerservice/managedclusters' or "
                                     "type =~ 'microsoft.kubernetes/connectedclusters' | project name, type, "
                                     "resourceGroup | order by name asc"_s);
        QCOMPARE(clusters.status, 200);
        QStringList names;
        for (const QJsonValue row : clusters.json.value(u"data").toArray())
            names.append(row.toObject().value(u"name").toString());
        QCOMPARE(names, (QStringList{u"aks-dev-westus2"_s, u"aks-legacy-spn"_s, u"aks-prod-eastus"_s,
                                     u"arc-edge-arm64"_s, u"arc-factory-doha"_s, u"arc-factory-pi"_s,
                                     u"arc-retail-store-01"_s}));
        QCOMPARE(clusters.json.value(u"totalRecords").toInt(), 7);
        // Resource Graph lower-cases types and resource groups.
        QCOMPARE(clusters.json.value(u"data").toArray().at(3).toObject().value(u"type").toString(),
                 u"microsoft.kubernetes/connectedclusters"_s);

        const Reply onlyDev = query(u"resources | where type =~ 'microsoft.containerservice/managedclusters' | project name"_s,
                                    {}, {Dev.section(u'/', 2, 2)});
        QCOMPARE(onlyDev.json.value(u"data").toArray().size(), 1);

        const Reply versions = query(u"kubernetesconfigurationresources | where type =~ "
                                     "'microsoft.kubernetesconfiguration/extensions' | extend version = "
                                     "tostring(properties.currentVersion) | summarize count() by version | order by "
                                     "version asc"_s);
        QCOMPARE(versions.status, 200);
        QCOMPARE(versions.json.value(u"data").toArray().size(), 3);   // 1.6.3, 1.17.3 and the latest

        // Paging: $top and $skipToken walk the same rows.
        QStringList paged;
        QJsonObject options{{u"$top"_s, 2}};
        for (int page = 0; page < 5; ++page) {
            const Reply reply = query(u"resources | where type contains 'clusters' | project name | order by name asc"_s, options);
            QCOMPARE(reply.status, 200);
            for (const QJsonValue row : reply.json.value(u"data").toArray())
                paged.append(row.toObject().value(u"name").toString());
            const QString token = reply.json.value(u"$skipToken").toString();
            if (token.isEmpty())
                break;
            options = QJsonObject{{u"$top"_s, 2}, {u"$skipToken"_s, token}};
        }
        QCOMPARE(paged, names);

        const Reply unsupported = query(u"resources | join kind=inner (resourcecontainers) on subscriptionId"_s);
        QCOMPARE(unsupported.status, 400);
        const QJsonArray details = unsupported.json.value(u"error").toObject().value(u"details").toArray();
        QCOMPARE(details.size(), 2);
        QCOMPARE(details.at(1).toObject().value(u"code").toString(), u"UnsupportedOperator"_s);
        QVERIFY(details.at(1).toObject().value(u"message").toString().contains(u"join"_s));
    }

    void faultsReachTheClient()
    {
        QVERIFY(m_client->signIn());
        const QString subscriptions = u"/subscriptions?api-version=2022-12-01"_s;
        const auto withFaults = [&](const QString &spec) {
            QNetworkAccessManager network;
            QNetworkRequest request(QUrl(m_server->baseUrl().toString() + u"/sandbox/faults"_s));
            QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
            ssl.addCaCertificates(m_server->caCertificatePath());
            request.setSslConfiguration(ssl);
            request.setRawHeader("X-Sandbox-Key", m_server->clientSecret().toUtf8());
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
            QNetworkReply *reply = network.put(request, QJsonDocument(QJsonObject{{u"spec"_s, spec}}).toJson());
            QSignalSpy done(reply, &QNetworkReply::finished);
            done.wait(10000);
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            delete reply;
            return status;
        };

        QCOMPARE(withFaults(u"throttle@/subscriptions:4"_s), 204);
        Reply throttled = m_client->get(subscriptions);
        QCOMPARE(throttled.status, 429);
        QCOMPARE(throttled.headers.value("retry-after"), QByteArray("4"));
        QCOMPARE(throttled.json.value(u"error").toObject().value(u"code").toString(), u"TooManyRequests"_s);

        QCOMPARE(withFaults(u"error503@/subscriptions:2"_s), 204);
        QCOMPARE(m_client->get(subscriptions).status, 503);
        QCOMPARE(withFaults(u"error500@GET /subscriptions"_s), 204);
        QCOMPARE(m_client->get(subscriptions).status, 500);

        QCOMPARE(withFaults(u"reset@/subscriptions"_s), 204);
        const Reply reset = m_client->get(subscriptions);
        QCOMPARE(reset.status, 0);
        QVERIFY(reset.error != QNetworkReply::NoError);

        QCOMPARE(withFaults(u"truncate@/subscriptions"_s), 204);
        const Reply truncated = m_client->get(subscriptions);
        QVERIFY(truncated.error != QNetworkReply::NoError || QJsonDocument::fromJson(truncated.body).isNull());

        QCOMPARE(withFaults(u"slow@/subscriptions:400"_s), 204);
        const Reply slow = m_client->get(subscriptions);
        QCOMPARE(slow.status, 200);
        QCOMPARE(slow.json.value(u"value").toArray().size(), 2);
        QVERIFY2(slow.elapsedMs >= 300, qPrintable(QString::number(slow.elapsedMs)));

        QCOMPARE(withFaults(u"latency@/subscriptions:300"_s), 204);
        const Reply late = m_client->get(subscriptions);
        QCOMPARE(late.status, 200);
        QVERIFY(late.elapsedMs >= 300);

        QCOMPARE(withFaults(u"nonsense"_s), 400);
        QCOMPARE(withFaults(QString()), 204);
        QCOMPARE(m_client->get(subscriptions).status, 200);
    }

    void olderApiVersionsSeeTheirOwnShape()
    {
        QVERIFY(m_client->signIn());
        const QString aks = cluster(Prod, u"rg-gitops-prod"_s, u"Microsoft.ContainerService/managedClusters"_s,
                                    u"aks-prod-eastus"_s);
        const QString path = fluxConfigurationPath(aks, u"shapes"_s);
        const Reply created = m_client->put(path + u"?api-version=2025-04-01"_s, configurationWithNewerSettings());
        QCOMPARE(created.status, 201);
        const QString async = QString::fromLatin1(created.headers.value("azure-asyncoperation"));
        QTRY_COMPARE_WITH_TIMEOUT(m_client->get(async).json.value(u"status").toString(), u"Succeeded"_s, 10000);

        const Reply newest = m_client->get(path + u"?api-version=2025-04-01"_s);
        const Reply old = m_client->get(path + u"?api-version=2022-11-01"_s);
        QCOMPARE(newest.status, 200);
        QCOMPARE(old.status, 200);
        const QJsonObject newestProperties = newest.json.value(u"properties").toObject();
        QCOMPARE(newestProperties.value(u"reconciliationWaitDuration").toString(), u"PT10M"_s);
        QCOMPARE(newestProperties.value(u"waitForReconciliation"), QJsonValue(false));
        QCOMPARE(newestProperties.value(u"gitRepository").toObject().value(u"provider").toString(), u"Generic"_s);
        const QJsonObject newestApps = newestProperties.value(u"kustomizations").toObject().value(u"apps").toObject();
        QCOMPARE(newestApps.value(u"postBuild").toObject().value(u"substitute").toObject().value(u"cluster").toString(),
                 u"prod"_s);
        QCOMPARE(newestApps.value(u"wait"), QJsonValue(true));

        // 2022-11-01 sees the same configuration without what its schema lacks.
        QJsonObject expected = withoutReportedState(newest.json);
        QJsonObject properties = expected.value(u"properties").toObject();
        properties.remove(u"waitForReconciliation"_s);
        properties.remove(u"reconciliationWaitDuration"_s);
        QJsonObject git = properties.value(u"gitRepository").toObject();
        git.remove(u"provider"_s);
        properties.insert(u"gitRepository"_s, git);
        QJsonObject kustomizations = properties.value(u"kustomizations").toObject();
        for (auto it = kustomizations.begin(); it != kustomizations.end(); ++it) {
            QJsonObject kustomization = it.value().toObject();
            kustomization.remove(u"wait"_s);
            kustomization.remove(u"postBuild"_s);
            it.value() = kustomization;
        }
        properties.insert(u"kustomizations"_s, kustomizations);
        expected.insert(u"properties"_s, properties);
        QCOMPARE(withoutReportedState(old.json), expected);
        const QJsonObject oldProperties = old.json.value(u"properties").toObject();
        for (const QString &key : {u"complianceState"_s, u"statuses"_s, u"sourceSyncedCommitId"_s, u"statusUpdatedAt"_s})
            QVERIFY2(oldProperties.contains(key), qPrintable(key));

        // Lists answer in the version asked for too.
        const Reply listed = m_client->get(aks + u"/providers/Microsoft.KubernetesConfiguration/fluxConfigurations"
                                                 "?api-version=2022-11-01"_s);
        QCOMPARE(listed.status, 200);
        bool seen = false;
        QString next = listed.json.value(u"nextLink").toString();
        QJsonArray items = listed.json.value(u"value").toArray();
        while (!next.isEmpty()) {
            const Reply page = m_client->get(next);
            for (const QJsonValue item : page.json.value(u"value").toArray())
                items.append(item);
            next = page.json.value(u"nextLink").toString();
        }
        for (const QJsonValue item : items) {
            const QJsonObject itemProperties = item.toObject().value(u"properties").toObject();
            QVERIFY(!itemProperties.contains(u"reconciliationWaitDuration"));
            const QJsonObject itemApps = itemProperties.value(u"kustomizations").toObject().value(u"apps").toObject();
            QVERIFY(!itemApps.contains(u"postBuild"));
            QVERIFY(!itemApps.contains(u"wait"));
            seen = seen || item.toObject().value(u"name").toString() == u"shapes";
        }
        QVERIFY(seen);
    }

    void olderPutKeepsNewerSettings()
    {
        QVERIFY(m_client->signIn());
        const QString aks = cluster(Prod, u"rg-gitops-prod"_s, u"Microsoft.ContainerService/managedClusters"_s,
                                    u"aks-prod-eastus"_s);
        const QString path = fluxConfigurationPath(aks, u"shapes"_s);
        const Reply created = m_client->put(path + u"?api-version=2025-04-01"_s, configurationWithNewerSettings());
        QCOMPARE(created.status, 201);
        QTRY_COMPARE_WITH_TIMEOUT(m_client->get(QString::fromLatin1(created.headers.value("azure-asyncoperation")))
                                      .json.value(u"status").toString(), u"Succeeded"_s, 10000);

        // A 2022-11-01 client reads the configuration, changes a path and puts back what it read.
        QJsonObject read = m_client->get(path + u"?api-version=2022-11-01"_s).json;
        QJsonObject properties = read.value(u"properties").toObject();
        QJsonObject kustomizations = properties.value(u"kustomizations").toObject();
        QJsonObject apps = kustomizations.value(u"apps").toObject();
        apps.insert(u"path"_s, u"./apps/production"_s);
        kustomizations.insert(u"apps"_s, apps);
        properties.insert(u"kustomizations"_s, kustomizations);
        read.insert(u"properties"_s, properties);
        const Reply updated = m_client->put(path + u"?api-version=2022-11-01"_s, read);
        QCOMPARE(updated.status, 200);
        const QJsonObject answered = updated.json.value(u"properties").toObject();
        QVERIFY(!answered.contains(u"reconciliationWaitDuration"));
        QVERIFY(!answered.value(u"kustomizations").toObject().value(u"apps").toObject().contains(u"postBuild"));
        QTRY_COMPARE_WITH_TIMEOUT(m_client->get(QString::fromLatin1(updated.headers.value("azure-asyncoperation")))
                                      .json.value(u"status").toString(), u"Succeeded"_s, 10000);

        // What 2022-11-01 cannot see was kept; what it changed was changed.
        const QJsonObject now = m_client->get(path + u"?api-version=2025-04-01"_s).json.value(u"properties").toObject();
        const QJsonObject nowApps = now.value(u"kustomizations").toObject().value(u"apps").toObject();
        QCOMPARE(nowApps.value(u"path").toString(), u"./apps/production"_s);
        QCOMPARE(nowApps.value(u"postBuild").toObject().value(u"substitute").toObject().value(u"cluster").toString(),
                 u"prod"_s);
        QCOMPARE(now.value(u"reconciliationWaitDuration").toString(), u"PT10M"_s);
        QCOMPARE(now.value(u"waitForReconciliation"), QJsonValue(false));
        QCOMPARE(now.value(u"gitRepository").toObject().value(u"provider").toString(), u"Generic"_s);

        // The newest version sees everything, so its PUT replaces everything.
        QJsonObject newest = configurationWithNewerSettings();
        QJsonObject newestProperties = newest.value(u"properties").toObject();
        newestProperties.remove(u"reconciliationWaitDuration"_s);
        newest.insert(u"properties"_s, newestProperties);
        const Reply replaced = m_client->put(path + u"?api-version=2025-04-01"_s, newest);
        QCOMPARE(replaced.status, 200);
        QVERIFY(!replaced.json.value(u"properties").toObject().contains(u"reconciliationWaitDuration"));
    }

    void earlyPreviewsNameDependenciesAsObjects()
    {
        QVERIFY(m_client->signIn());
        const QString aks = cluster(Prod, u"rg-gitops-prod"_s, u"Microsoft.ContainerService/managedClusters"_s,
                                    u"aks-prod-eastus"_s);
        const QString path = fluxConfigurationPath(aks, u"early"_s);
        QJsonObject kustomizations = infraAndApps();
        QJsonObject apps = kustomizations.value(u"apps").toObject();
        apps.insert(u"dependsOn"_s, QJsonArray{QJsonObject{{u"kustomizationName"_s, u"infra"_s}}});
        kustomizations.insert(u"apps"_s, apps);
        const Reply created = m_client->put(path + u"?api-version=2022-01-01-preview"_s, demoConfiguration(kustomizations));
        QVERIFY2(created.status == 201, created.body.constData());
        const QJsonObject answered = created.json.value(u"properties").toObject();
        QCOMPARE(answered.value(u"kustomizations").toObject().value(u"apps").toObject().value(u"dependsOn"),
                 QJsonValue(QJsonArray{QJsonObject{{u"kustomizationName"_s, u"infra"_s}}}));
        QVERIFY(answered.contains(u"lastSourceUpdatedCommitId"));
        QVERIFY(!answered.contains(u"sourceSyncedCommitId"));

        const Reply newest = m_client->get(path + u"?api-version=2025-04-01"_s);
        QCOMPARE(newest.json.value(u"properties").toObject().value(u"kustomizations").toObject().value(u"apps")
                     .toObject().value(u"dependsOn"), QJsonValue(QJsonArray{u"infra"_s}));
    }

    void extensionsAnswerInTheirVersionsNames()
    {
        QVERIFY(m_client->signIn());
        const QString flux = cluster(Prod, u"rg-gitops-prod"_s, u"Microsoft.ContainerService/managedClusters"_s,
                                     u"aks-prod-eastus"_s)
            + u"/providers/Microsoft.KubernetesConfiguration/extensions/flux?api-version="_s;
        const QJsonObject newest = m_client->get(flux + u"2025-03-01"_s).json.value(u"properties").toObject();
        const QJsonObject old = m_client->get(flux + u"2022-07-01"_s).json.value(u"properties").toObject();
        QVERIFY(!newest.value(u"currentVersion").toString().isEmpty());
        QCOMPARE(old.value(u"installedVersion"), newest.value(u"currentVersion"));
        QVERIFY(!old.contains(u"currentVersion"));
        QVERIFY(!old.contains(u"isSystemExtension"));
        QCOMPARE(old.value(u"extensionType"), newest.value(u"extensionType"));
    }

    void authorizationCodeWithPkce()
    {
        const QString redirect = u"http://127.0.0.1:8400/callback"_s;
        auto parameters = authorizeParameters(redirect);
        parameters.append({u"login_hint"_s, u"ana@contoso.example"_s});
        const Reply authorized = browse(*m_server, authorizePath(u"organizations"_s, parameters));
        QCOMPARE(authorized.status, 302);
        const QUrl location = QUrl::fromEncoded(authorized.headers.value("location"));
        QCOMPARE(location.adjusted(QUrl::RemoveQuery), QUrl(redirect));
        const QUrlQuery answer = redirectQuery(authorized);
        QCOMPARE(answer.queryItemValue(u"state"_s, QUrl::FullyDecoded), u"xyz 1+2&3"_s);
        const QString code = answer.queryItemValue(u"code"_s, QUrl::FullyDecoded);
        QVERIFY(!code.isEmpty());
        QVERIFY(!answer.hasQueryItem(u"error"_s));

        const auto redeem = [this](const QString &codeValue, const QString &redirectUri, const QString &verifier) {
            QUrlQuery form;
            form.addQueryItem(u"grant_type"_s, u"authorization_code"_s);
            form.addQueryItem(u"client_id"_s, AzureCliClient);
            form.addQueryItem(u"code"_s, codeValue);
            form.addQueryItem(u"redirect_uri"_s, redirectUri);
            form.addQueryItem(u"code_verifier"_s, verifier);
            return m_client->send("POST", u"/organizations/oauth2/v2.0/token"_s, form.toString(QUrl::FullyEncoded).toUtf8(),
                                  "application/x-www-form-urlencoded", false);
        };
        const auto aadsts = [](const Reply &reply) {
            return reply.json.value(u"error_description").toString().section(u':', 0, 0);
        };

        const Reply wrongVerifier = redeem(code, redirect, RfcCodeVerifier.chopped(1) + u'A');
        QCOMPARE(wrongVerifier.status, 400);
        QCOMPARE(wrongVerifier.json.value(u"error").toString(), u"invalid_grant"_s);
        QCOMPARE(aadsts(wrongVerifier), u"AADSTS50148"_s);
        const Reply wrongRedirect = redeem(code, u"http://127.0.0.1:8401/callback"_s, RfcCodeVerifier);
        QCOMPARE(wrongRedirect.json.value(u"error").toString(), u"invalid_grant"_s);
        QCOMPARE(aadsts(wrongRedirect), u"AADSTS500112"_s);
        const Reply noVerifier = redeem(code, redirect, {});
        QCOMPARE(noVerifier.json.value(u"error").toString(), u"invalid_request"_s);
        const Reply unknown = redeem(u"not-a-code"_s, redirect, RfcCodeVerifier);
        QCOMPARE(aadsts(unknown), u"AADSTS70000"_s);

        const Reply token = redeem(code, redirect, RfcCodeVerifier);
        QCOMPARE(token.status, 200);
        const QString accessToken = token.json.value(u"access_token").toString();
        QVERIFY(!token.json.value(u"refresh_token").toString().isEmpty());
        const auto signedIn = m_server->identity().validate(accessToken);
        QVERIFY(signedIn);
        QCOMPARE(signedIn->subject, u"ana@contoso.example"_s);
        m_client->setToken(accessToken.toUtf8());
        QCOMPARE(m_client->get(u"/subscriptions?api-version=2022-12-01"_s).status, 200);

        // A code is single use.
        const Reply again = redeem(code, redirect, RfcCodeVerifier);
        QCOMPARE(again.status, 400);
        QCOMPARE(again.json.value(u"error").toString(), u"invalid_grant"_s);
        QCOMPARE(aadsts(again), u"AADSTS54005"_s);
    }

    void authorizeRefusesWhatEntraRefuses_data()
    {
        QTest::addColumn<QString>("parameter");
        QTest::addColumn<QString>("value");   // null: left out
        QTest::addColumn<QString>("error");   // empty: an error page, not a redirect
        QTest::addColumn<QString>("aadsts");
        QTest::newRow("unknown client") << u"client_id"_s << u"11111111-2222-3333-4444-555555555555"_s << QString()
                                        << u"AADSTS700016"_s;
        QTest::newRow("no redirect") << u"redirect_uri"_s << QString() << QString() << u"AADSTS900971"_s;
        QTest::newRow("https redirect") << u"redirect_uri"_s << u"https://localhost:8400/"_s << QString()
                                        << u"AADSTS50011"_s;
        QTest::newRow("remote redirect") << u"redirect_uri"_s << u"http://example.com:8400/"_s << QString()
                                         << u"AADSTS50011"_s;
        QTest::newRow("look-alike host") << u"redirect_uri"_s << u"http://localhost.example.com:8400/"_s << QString()
                                         << u"AADSTS50011"_s;
        QTest::newRow("no port") << u"redirect_uri"_s << u"http://localhost/"_s << QString() << u"AADSTS50011"_s;
        QTest::newRow("user info") << u"redirect_uri"_s << u"http://user@127.0.0.1:8400/"_s << QString()
                                   << u"AADSTS50011"_s;
        QTest::newRow("implicit grant") << u"response_type"_s << u"token"_s << u"unsupported_response_type"_s
                                        << u"AADSTS700051"_s;
        QTest::newRow("no scope") << u"scope"_s << QString() << u"invalid_request"_s << u"AADSTS900144"_s;
        QTest::newRow("no PKCE") << u"code_challenge"_s << QString() << u"invalid_request"_s << u"AADSTS9002325"_s;
        QTest::newRow("plain PKCE") << u"code_challenge_method"_s << u"plain"_s << u"invalid_request"_s
                                    << u"AADSTS70011"_s;
        QTest::newRow("no method means plain") << u"code_challenge_method"_s << QString() << u"invalid_request"_s
                                               << u"AADSTS70011"_s;
        QTest::newRow("short challenge") << u"code_challenge"_s << u"abc"_s << u"invalid_request"_s
                                         << u"AADSTS501491"_s;
        QTest::newRow("unknown prompt") << u"prompt"_s << u"always"_s << u"invalid_request"_s << u"AADSTS90023"_s;
    }

    void authorizeRefusesWhatEntraRefuses()
    {
        QFETCH(QString, parameter);
        QFETCH(QString, value);
        QFETCH(QString, error);
        QFETCH(QString, aadsts);
        const QString redirect = u"http://localhost:8400/"_s;
        QList<std::pair<QString, QString>> parameters;
        for (const auto &pair : authorizeParameters(redirect)) {
            if (pair.first != parameter)
                parameters.append(pair);
            else if (!value.isNull())
                parameters.append({parameter, value});
        }
        const Reply reply = browse(*m_server, authorizePath(u"organizations"_s, parameters));
        if (error.isEmpty()) {
            // Entra cannot trust the redirect, so it tells the person in the browser.
            QCOMPARE(reply.status, 400);
            QVERIFY(!reply.headers.contains("location"));
            QVERIFY(reply.headers.value("content-type").startsWith("text/html"));
            QVERIFY2(reply.body.contains(aadsts.toUtf8()), reply.body.constData());
            return;
        }
        QCOMPARE(reply.status, 302);
        QVERIFY(reply.headers.value("location").startsWith(redirect.toUtf8()));
        const QUrlQuery answer = redirectQuery(reply);
        QCOMPARE(answer.queryItemValue(u"error"_s, QUrl::FullyDecoded), error);
        QVERIFY(answer.queryItemValue(u"error_description"_s, QUrl::FullyDecoded).startsWith(aadsts + u':'));
        QCOMPARE(answer.queryItemValue(u"state"_s, QUrl::FullyDecoded), u"xyz 1+2&3"_s);
        QVERIFY(!answer.hasQueryItem(u"code"_s));
    }

    void authorizationCodesAreShortLivedAndBound()
    {
        const QString redirect = u"http://localhost:8400/"_s;
        const auto codeFor = [this, &redirect](const QString &scope) {
            auto parameters = authorizeParameters(redirect);
            for (auto &[name, value] : parameters) {
                if (name == u"scope")
                    value = scope;
            }
            const Reply reply = browse(*m_server, authorizePath(m_server->tenantId(), parameters));
            return redirectQuery(reply).queryItemValue(u"code"_s, QUrl::FullyDecoded);
        };
        const auto redeem = [this, &redirect](const QString &code, const QString &clientId) {
            QUrlQuery form;
            form.addQueryItem(u"grant_type"_s, u"authorization_code"_s);
            form.addQueryItem(u"client_id"_s, clientId);
            form.addQueryItem(u"code"_s, code);
            form.addQueryItem(u"redirect_uri"_s, redirect);
            form.addQueryItem(u"code_verifier"_s, RfcCodeVerifier);
            return m_client->send("POST", u"/"_s + m_server->tenantId() + u"/oauth2/v2.0/token"_s,
                                  form.toString(QUrl::FullyEncoded).toUtf8(), "application/x-www-form-urlencoded", false);
        };

        // Without offline_access there is no refresh token, as with Entra.
        const Reply online = redeem(codeFor(u"https://management.azure.com/.default"_s), AzureCliClient);
        QCOMPARE(online.status, 200);
        QVERIFY(!online.json.value(u"access_token").toString().isEmpty());
        QVERIFY(!online.json.contains(u"refresh_token"));

        // A code belongs to the application it was issued to.
        const QString code = codeFor(u"https://management.azure.com/.default offline_access"_s);
        const Reply otherClient = redeem(code, m_server->clientId());
        QCOMPARE(otherClient.json.value(u"error").toString(), u"invalid_grant"_s);
        QVERIFY(otherClient.json.value(u"error_description").toString().startsWith(u"AADSTS70000:"_s));

        m_server->identity().setAuthorizationCodeLifetime(std::chrono::seconds(0));
        const Reply expired = redeem(codeFor(u"https://management.azure.com/.default offline_access"_s), AzureCliClient);
        QCOMPARE(expired.json.value(u"error").toString(), u"invalid_grant"_s);
        QVERIFY(expired.json.value(u"error_description").toString().startsWith(u"AADSTS70008:"_s));

        const Reply unknownTenant = browse(*m_server, authorizePath(u"contoso-unknown"_s, authorizeParameters(redirect)));
        QCOMPARE(unknownTenant.status, 400);
        QVERIFY(unknownTenant.body.contains("AADSTS90002"));
        QVERIFY(!unknownTenant.headers.contains("location"));
    }

private:
    QTemporaryDir m_state;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<Client> m_client;
};

QTEST_GUILESS_MAIN(TestSandboxServer)
#include "tst_sandboxserver.moc"
