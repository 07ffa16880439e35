#pragma once

// An in-process sandbox cloud for the tests that talk to Azure (net, items, ui): the server, the cloud Fluxdeck makes of its
// announcement, and its control endpoints (faults, token expiry, device code approval).

#include "clouds.h"
#include "server/sandboxserver.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>

#include <memory>

namespace Fluxdeck::Test {

class SandboxCloud
{
public:
    static Sandbox::SandboxServer::Options quickOptions()
    {
        Sandbox::SandboxServer::Options options;
        options.pageSize = 2;
        options.operationDuration = std::chrono::milliseconds(1200);
        options.registrationDuration = std::chrono::milliseconds(200);
        options.deviceApprovalDelay = std::chrono::milliseconds(1000);
        return options;
    }

    Domain::Result<void> start(const Sandbox::SandboxServer::Options &options = quickOptions())
    {
        m_server = std::make_unique<Sandbox::SandboxServer>();
        if (auto started = m_server->start(options); !started)
            return started;
        auto cloud = Net::AzureCloudEndpoints::fromSandboxAnnouncement(m_server->announcement());
        if (!cloud)
            return std::unexpected(cloud.error());
        m_cloud = *cloud;
        return {};
    }

    Sandbox::SandboxServer &server() { return *m_server; }
    const Net::AzureCloudEndpoints &cloud() const { return m_cloud; }

    // A control endpoint, answered before this returns (the event loop turns meanwhile, so the
    // in-process server answers); the HTTP status, or 0.
    int control(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        QNetworkRequest request(QUrl(m_server->baseUrl().toString() + path));
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(m_server->caCertificatePath());
        request.setSslConfiguration(ssl);
        request.setRawHeader("X-Sandbox-Key", m_server->clientSecret().toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        QNetworkReply *reply = m_network.sendCustomRequest(request, method, QJsonDocument(body).toJson());
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            done.wait(10000);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        delete reply;
        return status;
    }

    bool setFaults(const QString &spec)
    {
        return control("PUT", QStringLiteral("/sandbox/faults"), QJsonObject{{QStringLiteral("spec"), spec}}) == 204;
    }
    bool expireTokens() { return control("POST", QStringLiteral("/sandbox/tokens/expire")) == 204; }

private:
    std::unique_ptr<Sandbox::SandboxServer> m_server;
    Net::AzureCloudEndpoints m_cloud;
    QNetworkAccessManager m_network;
};

} // namespace Fluxdeck::Test
