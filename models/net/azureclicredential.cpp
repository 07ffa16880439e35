#include "azureclicredential.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Net {

namespace {

// The last line az wrote to stderr that says something ("ERROR: …"), for the technical detail.
QString lastMessage(const QByteArray &stderrOutput)
{
    const QStringList lines = QString::fromUtf8(stderrOutput).split(u'\n', Qt::SkipEmptyParts);
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        if (!it->trimmed().isEmpty())
            return it->trimmed();
    }
    return {};
}

// Kills a process without waiting for it: it deletes itself once it has ended (or goes with
// its parent, the credential).
void discard(std::unique_ptr<QProcess> process)
{
    if (!process)
        return;
    QProcess *owned = process.release();
    owned->disconnect();
    if (owned->state() == QProcess::NotRunning) {
        owned->deleteLater();   // we may be inside one of its signals
        return;
    }
    QObject::connect(owned, &QProcess::finished, owned, &QObject::deleteLater);
    owned->kill();
}

} // namespace

AzureCliCredential::AzureCliCredential(const AzureCloudEndpoints &cloud, QObject *parent)
    : TokenCredential(parent)
    , m_cloud(cloud)
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(std::chrono::seconds(30));
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        const qint64 seconds = std::chrono::duration_cast<std::chrono::seconds>(m_timeout.intervalAsDuration()).count();
        fail({tr("The Azure CLI did not answer within %1 s. Run 'az account get-access-token' in a terminal to see "
                 "what it is waiting for, then try again.")
                  .arg(seconds),
              {}});
    });
}

AzureCliCredential::~AzureCliCredential()
{
    discard(std::move(m_process));
}

QString AzureCliCredential::displayName() const
{
    return tr("Azure CLI");
}

void AzureCliCredential::acquire(Freshness)
{
    const QString program = QStandardPaths::findExecutable(u"az"_s);
    if (program.isEmpty()) {
        complete(Domain::failure(tr("The Azure CLI (az) was not found on PATH. Install it from "
                                    "https://aka.ms/installazurecli and run 'az login', or choose another sign-in "
                                    "method.")));
        return;
    }
    QStringList arguments{u"account"_s, u"get-access-token"_s, u"--resource"_s, m_cloud.armResource,
                          u"--output"_s, u"json"_s};
    if (!m_tenant.isEmpty())
        arguments << u"--tenant"_s << m_tenant;

    m_process = std::make_unique<QProcess>(this);
    m_process->setStandardInputFile(QProcess::nullDevice());
    connect(m_process.get(), &QProcess::finished, this, &AzureCliCredential::finished);
    connect(m_process.get(), &QProcess::errorOccurred, this, [this, program](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            fail({tr("The Azure CLI at %1 could not be started. Check that it is installed correctly.").arg(program),
                  m_process->errorString()});
    });
    m_timeout.start();
    m_process->start(program, arguments);
}

void AzureCliCredential::finished()
{
    m_timeout.stop();
    QProcess *process = m_process.get();
    const QByteArray output = process->readAllStandardOutput();
    const QByteArray errors = process->readAllStandardError();
    if (process->exitStatus() != QProcess::NormalExit || process->exitCode() != 0) {
        const QString detail = lastMessage(errors);
        if (QString::fromUtf8(errors).contains(u"az login"_s, Qt::CaseInsensitive))
            complete(Domain::failure(tr("The Azure CLI is not signed in. Run 'az login' in a terminal, then try "
                                        "again."),
                                     detail));
        else
            complete(Domain::failure(tr("The Azure CLI could not get a token (exit code %1). Run 'az account "
                                        "get-access-token' in a terminal to see why.")
                                         .arg(process->exitCode()),
                                     detail));
    } else {
        complete(parseAccessToken(output));
    }
    discard(std::move(m_process));
}

void AzureCliCredential::fail(const Domain::Error &error)
{
    m_timeout.stop();
    discard(std::move(m_process));
    complete(std::unexpected(error));
}

void AzureCliCredential::abort()
{
    m_timeout.stop();
    discard(std::move(m_process));
}

Domain::Result<AccessToken> AzureCliCredential::parseAccessToken(const QByteArray &output)
{
    QJsonParseError parseError;
    const QJsonObject json = QJsonDocument::fromJson(output, &parseError).object();
    const QString token = json.value(u"accessToken").toString();
    if (parseError.error != QJsonParseError::NoError || token.isEmpty())
        return Domain::failure(tr("The Azure CLI printed something other than a token. Update it with 'az upgrade' "
                                  "and try again."),
                               parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                            : u"no accessToken"_s);
    AccessToken result;
    result.token = token.toUtf8();
    // expires_on is UTC (a number, or digits in a string); expiresOn is local time without zone.
    const QJsonValue posix = json.value(u"expires_on");
    bool ok = posix.isDouble();
    qint64 seconds = posix.toInteger();
    if (posix.isString())
        seconds = posix.toString().toLongLong(&ok);
    if (ok && seconds > 0) {
        result.expiresOn = QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::UTC);
        return result;
    }
    const QString local = json.value(u"expiresOn").toString().left(19);
    const QDateTime parsed = QDateTime::fromString(local, u"yyyy-MM-dd HH:mm:ss"_s);
    if (parsed.isValid()) {
        result.expiresOn = parsed.toUTC();
        return result;
    }
    // az guarantees at least five more minutes of validity when it answers.
    result.expiresOn = QDateTime::currentDateTimeUtc().addSecs(5 * 60);
    return result;
}

} // namespace Fluxdeck::Net
