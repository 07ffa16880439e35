#include "armerror.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Fluxdeck::Net::ArmError;

namespace {

const QString Arc = u"/subscriptions/6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5/resourceGroups/rg-edge/providers/"
                    "Microsoft.Kubernetes/connectedClusters/arc-edge-arm64"_s;
const QString Flux = Arc + u"/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/cluster-config"_s;

QByteArray armBody(const char *code, const char *message)
{
    return QByteArray("{\"error\":{\"code\":\"") + code + "\",\"message\":\"" + message + "\"}}";
}

} // namespace

class TestArmError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mapsAnswers_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<ArmError::Kind>("kind");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QStringList>("says");

        QTest::newRow("403 names the action Azure names")
            << 403 << QByteArray("PUT") << Flux
            << armBody("AuthorizationFailed", "The client 'x' with object id 'y' does not have authorization to perform "
                                              "action 'Microsoft.KubernetesConfiguration/fluxConfigurations/write' over "
                                              "scope 'z' or the scope is invalid.")
            << ArmError::Kind::Forbidden << u"AuthorizationFailed"_s
            << QStringList{u"Microsoft.KubernetesConfiguration/fluxConfigurations/write"_s, u"'cluster-config'"_s,
                           u"Owner"_s};
        QTest::newRow("403 without an action in the message")
            << 403 << QByteArray("DELETE") << Flux << armBody("Forbidden", "Access denied.") << ArmError::Kind::Forbidden
            << u"Forbidden"_s << QStringList{u"Microsoft.KubernetesConfiguration/fluxConfigurations/delete"_s};
        QTest::newRow("403 on an action")
            << 403 << QByteArray("POST") << Arc + u"/listClusterUserCredential"_s << armBody("AuthorizationFailed", "No.")
            << ArmError::Kind::Forbidden << u"AuthorizationFailed"_s
            << QStringList{u"Microsoft.Kubernetes/connectedClusters/listClusterUserCredential/action"_s};
        QTest::newRow("409 another operation")
            << 409 << QByteArray("PUT") << Flux
            << armBody("Conflict", "The fluxConfiguration 'cluster-config' is in provisioning state 'Creating'.")
            << ArmError::Kind::Conflict << u"Conflict"_s
            << QStringList{u"Another operation is running on 'cluster-config'"_s};
        QTest::newRow("409 provider not registered")
            << 409 << QByteArray("PUT") << Flux
            << armBody("MissingSubscriptionRegistration", "The subscription is not registered to use namespace "
                                                          "'Microsoft.KubernetesConfiguration'.")
            << ArmError::Kind::Conflict << u"MissingSubscriptionRegistration"_s
            << QStringList{u"az provider register --namespace Microsoft.KubernetesConfiguration"_s};
        QTest::newRow("404") << 404 << QByteArray("GET") << Flux << armBody("ResourceNotFound", "Not found.")
                             << ArmError::Kind::NotFound << u"ResourceNotFound"_s
                             << QStringList{u"'cluster-config'"_s, u"not found"_s};
        QTest::newRow("404 of a list") << 404 << QByteArray("GET")
                                       << Arc + u"/providers/Microsoft.KubernetesConfiguration/extensions"_s
                                       << armBody("ParentResourceNotFound", "Parent resource not found.")
                                       << ArmError::Kind::NotFound << u"ParentResourceNotFound"_s
                                       << QStringList{u"Microsoft.KubernetesConfiguration/extensions"_s};
        QTest::newRow("401") << 401 << QByteArray("GET") << Flux
                             << armBody("InvalidAuthenticationToken", "The access token is invalid.")
                             << ArmError::Kind::Auth << u"InvalidAuthenticationToken"_s
                             << QStringList{u"Sign in again"_s};
        QTest::newRow("429") << 429 << QByteArray("GET") << u"/subscriptions"_s
                             << armBody("TooManyRequests", "Throttled.") << ArmError::Kind::Throttled
                             << u"TooManyRequests"_s << QStringList{u"throttling"_s};
        QTest::newRow("400 quotes Azure") << 400 << QByteArray("PUT") << Flux
                                          << armBody("BadRequest", "Kustomization 'apps' depends on 'infra'.")
                                          << ArmError::Kind::Invalid << u"BadRequest"_s
                                          << QStringList{u"Kustomization 'apps' depends on 'infra'."_s};
        QTest::newRow("503") << 503 << QByteArray("GET") << u"/subscriptions"_s
                             << armBody("ServiceUnavailable", "Later.") << ArmError::Kind::Server
                             << u"ServiceUnavailable"_s << QStringList{u"internal error"_s, u"request id"_s};
        QTest::newRow("Entra's shape") << 400 << QByteArray("GET") << u"/subscriptions"_s
                                       << QByteArray("{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS70000: "
                                                     "Bad grant.\\r\\nTrace ID: 1\"}")
                                       << ArmError::Kind::Invalid << u"invalid_grant"_s
                                       << QStringList{u"AADSTS70000: Bad grant."_s};
        QTest::newRow("not JSON") << 502 << QByteArray("GET") << u"/subscriptions"_s
                                  << QByteArray("<html>Bad Gateway</html>") << ArmError::Kind::Server << QString()
                                  << QStringList{u"HTTP 502"_s};
    }

    void mapsAnswers()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(ArmError::Kind, kind);
        QFETCH(QString, code);
        QFETCH(QStringList, says);
        const ArmError error = ArmError::fromHttp(method, path, status, body, "req-1", "corr-1");
        QCOMPARE(error.kind, kind);
        QCOMPARE(error.code, code);
        QCOMPARE(error.httpStatus, status);
        const QString message = error.userMessage();
        for (const QString &part : says) {
            if (!message.contains(part) && !error.toError().detail.contains(part))
                QFAIL(qPrintable(u"'%1' lacks '%2'"_s.arg(message, part)));
        }
        const Fluxdeck::Domain::Error asError = error.toError();
        QCOMPARE(asError.message, message);
        QVERIFY(asError.detail.contains(u"x-ms-request-id req-1"_s));
        QVERIFY(asError.detail.contains(u"x-ms-correlation-request-id corr-1"_s));
        QVERIFY(asError.detail.contains(QString::fromLatin1(method) + u' ' + path));
    }

    void throttlingNamesTheWait()
    {
        ArmError error = ArmError::fromHttp("GET", u"/subscriptions"_s, 429, armBody("TooManyRequests", "Slow down."));
        error.retryAfter = std::chrono::seconds(17);
        QVERIFY(error.userMessage().contains(u"17 s"_s));
    }

    void failedOperationQuotesAzure()
    {
        ArmError error = ArmError::fromHttp("PUT", Flux, 200, {});
        error.kind = ArmError::Kind::Server;
        error.whilePolling = true;
        error.code = u"Failed"_s;
        error.message = u"The extension failed to install on the cluster."_s;
        QVERIFY(error.userMessage().contains(u"failed: The extension failed to install"_s));
    }

    void networkKinds()
    {
        const ArmError tls = ArmError::fromNetwork("GET", u"/subscriptions"_s, QNetworkReply::SslHandshakeFailedError,
                                                   u"The issuer certificate could not be found"_s);
        QCOMPARE(tls.kind, ArmError::Kind::Tls);
        QVERIFY(tls.userMessage().contains(u"certificate"_s));
        QVERIFY(tls.toError().detail.contains(u"issuer certificate"_s));
        const ArmError reset = ArmError::fromNetwork("GET", u"/subscriptions"_s, QNetworkReply::RemoteHostClosedError,
                                                     u"closed"_s);
        QCOMPARE(reset.kind, ArmError::Kind::Network);
        QVERIFY(reset.userMessage().contains(u"network"_s));
    }

    void cancellation()
    {
        QVERIFY(ArmError::cancelled("PUT", Flux, true).userMessage().contains(u"stopped waiting"_s));
        QVERIFY(ArmError::cancelled("GET", Flux, false).userMessage().contains(u"cancelled"_s));
    }
};

QTEST_GUILESS_MAIN(TestArmError)
#include "tst_armerror.moc"
