#pragma once

#include "armclient.h"
#include "tokencredential.h"

#include <QNetworkRequestFactory>
#include <QPointer>
#include <QRestAccessManager>

#include <optional>

namespace Fluxdeck::Net {

// What every reply of one ArmClient shares; replies keep it alive while they run.
struct ArmClientContext
{
    ArmClientContext(QNetworkAccessManager *network, TokenCredential *signIn, const ArmClient::Options &settings)
        : rest(network)
        , credential(signIn)
        , options(settings)
    {
    }

    QRestAccessManager rest;
    QNetworkRequestFactory factory;
    QPointer<TokenCredential> credential;
    ArmClient::Options options;
};

// One call as ArmClient hands it to its reply.
struct ArmCall
{
    enum class Mode { Single, List, LongRunning, Query };

    Mode mode = Mode::Single;
    QByteArray method;
    QString resource;              // the path the user named, for messages
    QUrl url;
    QByteArray body;
    bool retryable = false;
    QByteArray operationId;        // Repeatability-Request-ID of a POST
    QJsonObject query;             // Resource Graph request body
    std::optional<ArmError> error; // the call cannot even start
};

} // namespace Fluxdeck::Net
