#include "identityservice.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

QString randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

namespace {

QString userCodeFrom(const QString &random)
{
    // Entra's user codes are 9 upper-case letters and digits without look-alikes.
    static const QString alphabet = u"ABCDEFGHJKLMNPQRSTUVWXYZ23456789"_s;
    QString code;
    const QByteArray bytes = random.toLatin1();
    for (int i = 0; i < 9; ++i)
        code += alphabet.at(static_cast<unsigned char>(bytes.at(i)) % alphabet.size());
    return code;
}

QUrlQuery formBody(const HttpRequest &request)
{
    QUrlQuery form;
    form.setQuery(QString::fromUtf8(request.body).replace(u'+', u' '));
    return form;
}

QString formValue(const QUrlQuery &form, const QString &key)
{
    return form.queryItemValue(key, QUrl::FullyDecoded);
}

// The authorize request's parameters, read as Entra reads a query: '+' is a space.
QUrlQuery queryParameters(const HttpRequest &request)
{
    QUrlQuery query;
    query.setQuery(request.query.query(QUrl::FullyEncoded).replace(u'+', u' '));
    return query;
}

// Public clients may only be sent back to the machine they run on: http://localhost:<port> or
// http://127.0.0.1:<port>, with an optional path (RFC 8252 section 7.3).
bool isLoopbackRedirect(const QString &redirectUri)
{
    const QUrl url(redirectUri, QUrl::StrictMode);
    return url.isValid() && url.scheme() == u"http" && (url.host() == u"localhost" || url.host() == u"127.0.0.1")
        && url.port() > 0 && url.userInfo().isEmpty() && !url.hasQuery() && !url.hasFragment();
}

// RFC 7636 section 4.2: BASE64URL(SHA256(ASCII(code_verifier))), without padding.
QString s256(const QString &verifier)
{
    return QString::fromLatin1(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString percentEncoded(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

// What Entra shows in the browser when it cannot trust the redirect: a page, no redirect.
HttpResponse signInErrorPage(int status, int aadstsCode, const QString &description)
{
    const QString text = u"AADSTS%1: %2"_s.arg(aadstsCode).arg(description);
    const QString html = u"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Sign in to your account</title>"
                         "</head><body><h1>Sign in</h1><p>Sorry, but we are having trouble signing you in.</p><p>"_s
        + text.toHtmlEscaped() + u"</p></body></html>"_s;
    return HttpResponse::text(status, "text/html; charset=utf-8", html.toUtf8());
}

// Back to the application, as RFC 6749 section 4.1.2 says: the parameters in the redirect's
// query, the client's state echoed when it sent one.
HttpResponse redirectTo(const QString &redirectUri, QList<std::pair<QString, QString>> parameters, const QString &state)
{
    if (!state.isNull())
        parameters.append({u"state"_s, state});
    QStringList pairs;
    for (const auto &[name, value] : std::as_const(parameters))
        pairs.append(QString(name + u'=' + percentEncoded(value)));
    QUrl target(redirectUri);
    target.setQuery(pairs.join(u'&'));
    HttpResponse response = HttpResponse::empty(302);
    response.withHeader("Location", target.toEncoded());
    return response;
}

HttpResponse redirectError(const QString &redirectUri, const QString &error, int aadstsCode, const QString &description,
                           const QString &state)
{
    return redirectTo(redirectUri,
                      {{u"error"_s, error}, {u"error_description"_s, u"AADSTS%1: %2"_s.arg(aadstsCode).arg(description)}},
                      state);
}

} // namespace

IdentityService::IdentityService(QString tenantId, QString clientId, QString clientSecret)
    : m_tenantId(std::move(tenantId))
    , m_clientId(std::move(clientId))
    , m_clientSecret(std::move(clientSecret))
{
}

QString IdentityService::azureCliClientId()
{
    return u"04b07795-8ddb-461a-bbee-02f9e1bf7b46"_s;
}

bool IdentityService::knownTenant(const QString &tenant) const
{
    return tenant.compare(m_tenantId, Qt::CaseInsensitive) == 0 || tenant == u"common" || tenant == u"organizations";
}

bool IdentityService::publicClient(const QString &clientId) const
{
    return clientId == azureCliClientId() || clientId == m_clientId;
}

std::optional<HttpResponse> IdentityService::handle(const HttpRequest &request)
{
    const QStringList &s = request.segments;
    if (s.size() == 4 && s[1] == u"v2.0" && s[2] == u".well-known" && s[3] == u"openid-configuration") {
        if (!knownTenant(s[0]))
            return HttpResponse::oauthError(400, u"invalid_tenant"_s, 90002,
                                            u"Tenant '%1' not found. Check to make sure you have the correct tenant ID."_s.arg(s[0]));
        return openidConfiguration(request, s[0]);
    }
    if (s.size() == 4 && s[1] == u"oauth2" && s[2] == u"v2.0") {
        if (s[3] == u"authorize")
            return authorize(request, s[0]);
        if (request.method != "POST")
            return HttpResponse::oauthError(405, u"invalid_request"_s, 900561,
                                            u"The endpoint only accepts POST requests."_s);
        if (!knownTenant(s[0]))
            return HttpResponse::oauthError(400, u"invalid_tenant"_s, 90002,
                                            u"Tenant '%1' not found."_s.arg(s[0]));
        if (s[3] == u"token")
            return token(request);
        if (s[3] == u"devicecode")
            return deviceCode(request);
    }
    return std::nullopt;
}

HttpResponse IdentityService::openidConfiguration(const HttpRequest &request, const QString &tenant) const
{
    const QString base = request.baseUrl.toString(QUrl::StripTrailingSlash) + u'/' + tenant;
    const QString issuerBase = request.baseUrl.toString(QUrl::StripTrailingSlash) + u'/' + m_tenantId;
    return HttpResponse::json(200, QJsonObject{
        {u"issuer"_s, QString(issuerBase + u"/v2.0"_s)},
        {u"authorization_endpoint"_s, QString(base + u"/oauth2/v2.0/authorize"_s)},
        {u"token_endpoint"_s, QString(base + u"/oauth2/v2.0/token"_s)},
        {u"device_authorization_endpoint"_s, QString(base + u"/oauth2/v2.0/devicecode"_s)},
        {u"end_session_endpoint"_s, QString(base + u"/oauth2/v2.0/logout"_s)},
        {u"jwks_uri"_s, QString(base + u"/discovery/v2.0/keys"_s)},
        {u"token_endpoint_auth_methods_supported"_s, QJsonArray{u"client_secret_post"_s, u"client_secret_basic"_s}},
        {u"response_types_supported"_s, QJsonArray{u"code"_s, u"id_token"_s, u"code id_token"_s}},
        {u"scopes_supported"_s, QJsonArray{u"openid"_s, u"profile"_s, u"email"_s, u"offline_access"_s}},
        {u"grant_types_supported"_s, QJsonArray{u"client_credentials"_s, u"refresh_token"_s,
                                                u"urn:ietf:params:oauth:grant-type:device_code"_s,
                                                u"authorization_code"_s}},
        {u"tenant_region_scope"_s, u"WW"_s},
        {u"cloud_instance_name"_s, u"fluxdeck.sandbox"_s},
    });
}

HttpResponse IdentityService::issue(const QString &subject, const QString &scope, const QString &clientId, bool withRefresh)
{
    const QString accessToken = randomToken();
    const QDateTime expires = QDateTime::currentDateTimeUtc().addSecs(m_tokenLifetime.count());
    m_accessTokens.insert(accessToken, Token{subject, scope, expires});
    QJsonObject body{
        {u"token_type"_s, u"Bearer"_s},
        {u"scope"_s, scope},
        {u"expires_in"_s, qint64(m_tokenLifetime.count())},
        {u"ext_expires_in"_s, qint64(m_tokenLifetime.count())},
        {u"access_token"_s, accessToken},
    };
    if (withRefresh) {
        const QString refresh = randomToken(48);
        m_refreshTokens.insert(refresh, RefreshToken{subject, clientId});
        body.insert(u"refresh_token"_s, refresh);
    }
    return HttpResponse::json(200, body);
}

HttpResponse IdentityService::token(const HttpRequest &request)
{
    const QUrlQuery form = formBody(request);
    const QString grant = formValue(form, u"grant_type"_s);
    QString clientId = formValue(form, u"client_id"_s);
    const QString scope = formValue(form, u"scope"_s);

    if (grant == u"client_credentials") {
        QString secret = formValue(form, u"client_secret"_s);
        const QByteArray basic = request.header("authorization");
        if (secret.isEmpty() && basic.startsWith("Basic ")) {
            const QList<QByteArray> pair = QByteArray::fromBase64(basic.mid(6)).split(':');
            if (pair.size() == 2) {
                clientId = QString::fromUtf8(QByteArray::fromPercentEncoding(pair[0]));
                secret = QString::fromUtf8(QByteArray::fromPercentEncoding(pair[1]));
            }
        }
        if (clientId != m_clientId)
            return HttpResponse::oauthError(400, u"unauthorized_client"_s, 700016,
                                            u"Application with identifier '%1' was not found in the directory '%2'."_s
                                                .arg(clientId, m_tenantId));
        if (secret != m_clientSecret)
            return HttpResponse::oauthError(401, u"invalid_client"_s, 7000215,
                                            u"Invalid client secret provided. Ensure the secret being sent in the "
                                            "request is the client secret value, not the client secret ID."_s);
        if (!scope.endsWith(u"/.default"))
            return HttpResponse::oauthError(400, u"invalid_scope"_s, 1002012,
                                            u"The provided value for scope %1 is not valid. Client credential flows "
                                            "must have a scope value with /.default suffixed to the resource identifier."_s
                                                .arg(scope));
        return issue(clientId, scope, clientId, false);
    }

    if (grant == u"urn:ietf:params:oauth:grant-type:device_code" || grant == u"device_code") {
        const QString code = formValue(form, u"device_code"_s);
        auto it = m_deviceCodes.find(code);
        if (it == m_deviceCodes.end())
            return HttpResponse::oauthError(400, u"invalid_grant"_s, 70000, u"The provided device code is invalid."_s);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (now > it->expires) {
            m_deviceCodes.erase(it);
            return HttpResponse::oauthError(400, u"expired_token"_s, 70020,
                                            u"The provided value for the input parameter 'device_code' is not valid. "
                                            "This device code has expired."_s);
        }
        if (!it->approved && it->issued.msecsTo(now) >= m_deviceApprovalDelay.count())
            it->approved = true;
        if (!it->approved)
            return HttpResponse::oauthError(400, u"authorization_pending"_s, 70016,
                                            u"OAuth 2.0 device flow error. Authorization is pending. Continue polling."_s);
        const DeviceCode approved = *it;
        m_deviceCodes.erase(it);
        return issue(u"sandbox.user@fluxdeck.invalid"_s, approved.scope, approved.clientId, true);
    }

    if (grant == u"authorization_code")
        return redeemAuthorizationCode(form);

    if (grant == u"refresh_token") {
        const QString refresh = formValue(form, u"refresh_token"_s);
        const auto it = m_refreshTokens.constFind(refresh);
        if (it == m_refreshTokens.cend())
            return HttpResponse::oauthError(400, u"invalid_grant"_s, 9002313,
                                            u"Invalid request. Request is malformed or invalid: the refresh token is "
                                            "not valid."_s);
        const RefreshToken owner = *it;
        m_refreshTokens.remove(refresh);   // rotated, as Entra does for public clients
        return issue(owner.subject, scope, owner.clientId, true);
    }

    return HttpResponse::oauthError(400, u"unsupported_grant_type"_s, 70003,
                                    u"The app requested an unsupported grant type '%1'."_s.arg(grant));
}

HttpResponse IdentityService::deviceCode(const HttpRequest &request)
{
    const QUrlQuery form = formBody(request);
    const QString clientId = formValue(form, u"client_id"_s);
    if (!publicClient(clientId))
        return HttpResponse::oauthError(400, u"unauthorized_client"_s, 700016,
                                        u"Application with identifier '%1' was not found in the directory '%2'."_s
                                            .arg(clientId, m_tenantId));
    const QString deviceCode = randomToken(48);
    const QString userCode = userCodeFrom(randomToken(16));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_deviceCodes.insert(deviceCode, DeviceCode{userCode, clientId, formValue(form, u"scope"_s), now,
                                                now.addSecs(900), false});
    const QString verification = request.baseUrl.toString(QUrl::StripTrailingSlash) + u"/devicelogin"_s;
    return HttpResponse::json(200, QJsonObject{
        {u"user_code"_s, userCode},
        {u"device_code"_s, deviceCode},
        {u"verification_uri"_s, verification},
        {u"expires_in"_s, 900},
        {u"interval"_s, 1},
        {u"message"_s, u"To sign in, use a web browser to open the page %1 and enter the code %2 to authenticate."_s
                           .arg(verification, userCode)},
    });
}

HttpResponse IdentityService::authorize(const HttpRequest &request, const QString &tenant)
{
    if (request.method != "GET")
        return signInErrorPage(405, 900561, u"The endpoint only accepts GET requests."_s);
    if (!knownTenant(tenant))
        return signInErrorPage(400, 90002, u"Tenant '%1' not found. Check to make sure you have the correct tenant ID."_s
                                               .arg(tenant));
    const QUrlQuery query = queryParameters(request);
    const QString clientId = formValue(query, u"client_id"_s);
    if (!publicClient(clientId))
        return signInErrorPage(400, 700016, u"Application with identifier '%1' was not found in the directory '%2'."_s
                                                .arg(clientId, m_tenantId));
    const QString redirectUri = formValue(query, u"redirect_uri"_s);
    if (redirectUri.isEmpty())
        return signInErrorPage(400, 900971, u"No reply address provided."_s);
    if (!isLoopbackRedirect(redirectUri))
        return signInErrorPage(400, 50011, u"The redirect URI '%1' specified in the request does not match the "
                                           "redirect URIs configured for the application '%2'. Public clients are "
                                           "sent back to http://localhost:<port> or http://127.0.0.1:<port> only."_s
                                               .arg(redirectUri, clientId));

    // From here on the redirect is trusted: errors travel back to the application through it.
    const QString state = query.hasQueryItem(u"state"_s) ? formValue(query, u"state"_s) : QString();
    const QString responseType = formValue(query, u"response_type"_s);
    if (responseType != u"code")
        return redirectError(redirectUri, u"unsupported_response_type"_s, 700051,
                             u"response_type '%1' is not enabled for the application."_s.arg(responseType), state);
    const QString scope = formValue(query, u"scope"_s).simplified();
    if (scope.isEmpty())
        return redirectError(redirectUri, u"invalid_request"_s, 900144,
                             u"The request body must contain the following parameter: 'scope'."_s, state);
    const QString prompt = formValue(query, u"prompt"_s);
    if (!prompt.isEmpty() && prompt != u"login" && prompt != u"none" && prompt != u"consent"
        && prompt != u"select_account")
        return redirectError(redirectUri, u"invalid_request"_s, 90023, u"Invalid prompt value '%1'."_s.arg(prompt), state);
    const QString challenge = formValue(query, u"code_challenge"_s);
    if (challenge.isEmpty())
        return redirectError(redirectUri, u"invalid_request"_s, 9002325,
                             u"Proof Key for Code Exchange is required: send code_challenge and "
                             "code_challenge_method=S256."_s,
                             state);
    const QString method = formValue(query, u"code_challenge_method"_s);
    if (method != u"S256")
        return redirectError(redirectUri, u"invalid_request"_s, 70011,
                             u"The provided value for the input parameter 'code_challenge_method' is not valid. "
                             "Expected 'S256', got '%1'."_s.arg(method.isEmpty() ? u"plain"_s : method),
                             state);
    if (challenge.size() != 43)   // a SHA-256 digest in unpadded base64url
        return redirectError(redirectUri, u"invalid_request"_s, 501491, u"Invalid size of Code_Challenge parameter."_s,
                             state);

    // Nobody to ask: the user signs in at once, as the login hint names them or as the sandbox user.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (auto it = m_authorizationCodes.begin(); it != m_authorizationCodes.end();)
        it = it->expires <= now ? m_authorizationCodes.erase(it) : std::next(it);
    const QString loginHint = formValue(query, u"login_hint"_s).trimmed();
    const QString code = randomToken(48);
    m_authorizationCodes.insert(code, AuthorizationCode{clientId, redirectUri, scope, challenge,
                                                        loginHint.isEmpty() ? u"sandbox.user@fluxdeck.invalid"_s : loginHint,
                                                        now.addSecs(m_authorizationCodeLifetime.count()), false});
    return redirectTo(redirectUri, {{u"code"_s, code}}, state);
}

HttpResponse IdentityService::redeemAuthorizationCode(const QUrlQuery &form)
{
    const QString missing = u"The request body must contain the following parameter: '%1'."_s;
    const QString codeValue = formValue(form, u"code"_s);
    if (codeValue.isEmpty())
        return HttpResponse::oauthError(400, u"invalid_request"_s, 900144, missing.arg(u"code"_s));
    const auto it = m_authorizationCodes.find(codeValue);
    if (it == m_authorizationCodes.end())
        return HttpResponse::oauthError(400, u"invalid_grant"_s, 70000,
                                        u"The provided value for the 'code' parameter is not valid."_s);
    if (QDateTime::currentDateTimeUtc() >= it->expires) {
        m_authorizationCodes.erase(it);
        return HttpResponse::oauthError(400, u"invalid_grant"_s, 70008,
                                        u"The provided authorization code or refresh token has expired due to "
                                        "inactivity. Send a new interactive authorization request for this user and "
                                        "resource."_s);
    }
    if (it->redeemed)
        return HttpResponse::oauthError(400, u"invalid_grant"_s, 54005,
                                        u"OAuth2 Authorization code was already redeemed, please retry with a new "
                                        "valid code or use an existing refresh token."_s);
    const QString clientId = formValue(form, u"client_id"_s);
    if (clientId != it->clientId)
        return HttpResponse::oauthError(400, u"invalid_grant"_s, 70000,
                                        u"The provided authorization code was not issued to the application '%1'."_s
                                            .arg(clientId));
    const QString redirectUri = formValue(form, u"redirect_uri"_s);
    if (redirectUri.isEmpty())
        return HttpResponse::oauthError(400, u"invalid_request"_s, 900144, missing.arg(u"redirect_uri"_s));
    if (redirectUri != it->redirectUri)
        return HttpResponse::oauthError(400, u"invalid_grant"_s, 500112,
                                        u"The reply address '%1' does not match the reply address '%2' provided "
                                        "when requesting Authorization code."_s
                                            .arg(redirectUri, it->redirectUri));
    const QString verifier = formValue(form, u"code_verifier"_s);
    if (verifier.isEmpty())
        return HttpResponse::oauthError(400, u"invalid_request"_s, 900144, missing.arg(u"code_verifier"_s));
    if (s256(verifier) != it->codeChallenge)
        return HttpResponse::oauthError(400, u"invalid_grant"_s, 50148,
                                        u"The code_verifier does not match the code_challenge supplied in the "
                                        "authorization request for PKCE."_s);
    it->redeemed = true;   // kept until it expires, so a second use is told apart from a wrong code
    const AuthorizationCode granted = *it;
    // Entra hands out a refresh token only when offline_access was asked for.
    const bool offline = granted.scope.split(u' ', Qt::SkipEmptyParts).contains(u"offline_access"_s);
    return issue(granted.subject, granted.scope, granted.clientId, offline);
}

std::optional<IdentityService::Token> IdentityService::validate(const QString &accessToken) const
{
    const auto it = m_accessTokens.constFind(accessToken);
    if (it == m_accessTokens.cend() || it->expires <= QDateTime::currentDateTimeUtc())
        return std::nullopt;
    return *it;
}

bool IdentityService::approveDeviceCode(const QString &userCode)
{
    for (DeviceCode &code : m_deviceCodes) {
        if (code.userCode.compare(userCode, Qt::CaseInsensitive) == 0) {
            code.approved = true;
            return true;
        }
    }
    return false;
}

void IdentityService::expireAllAccessTokens()
{
    const QDateTime past = QDateTime::currentDateTimeUtc().addSecs(-1);
    for (Token &token : m_accessTokens)
        token.expires = past;
}

} // namespace Fluxdeck::Sandbox
