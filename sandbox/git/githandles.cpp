#include "githandles.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace Fluxdeck::Sandbox {

QString gitErrorText(int code)
{
    const git_error *error = git_error_last();
    if (error && error->message && *error->message)
        return QString::fromUtf8(error->message);
    return u"libgit2 error %1"_s.arg(code);
}

std::unexpected<Domain::Error> gitFailure(QString message, int code)
{
    return Domain::failure(std::move(message), gitErrorText(code));
}

Domain::Result<GitRepositoryPtr> openGitRepository(const QString &path)
{
    git_repository *repository = nullptr;
    const QByteArray nativePath = QFile::encodeName(path);
    if (const int rc
        = git_repository_open_ext(&repository, nativePath.constData(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr);
        rc < 0)
        return gitFailure(u"There is no Git repository at %1."_s.arg(path), rc);
    return GitRepositoryPtr(repository);
}

QString oidToString(const git_oid &oid)
{
    return QString::fromLatin1(oidToHex(oid));
}

QByteArray oidToHex(const git_oid &oid)
{
    char hex[GIT_OID_SHA1_HEXSIZE + 1] = {};
    git_oid_tostr(hex, sizeof hex, &oid);
    return QByteArray(hex);
}

bool oidFromHex(QByteArrayView hex, git_oid *out)
{
    if (hex.size() != GIT_OID_SHA1_HEXSIZE)
        return false;
    for (const char c : hex) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    }
    return git_oid_fromstrn(out, hex.data(), size_t(hex.size())) == 0;
}

} // namespace Fluxdeck::Sandbox
