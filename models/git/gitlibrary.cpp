#include "gitlibrary.h"

#include <git2.h>

namespace Fluxdeck::Git {

GitLibrary::GitLibrary()
{
    git_libgit2_init();
}

GitLibrary::~GitLibrary()
{
    git_libgit2_shutdown();
}

QString GitLibrary::version()
{
    int major = 0;
    int minor = 0;
    int revision = 0;
    git_libgit2_version(&major, &minor, &revision);
    return QStringLiteral("%1.%2.%3").arg(major).arg(minor).arg(revision);
}

bool GitLibrary::supportsHttps()
{
    return (git_libgit2_features() & GIT_FEATURE_HTTPS) != 0;
}

bool GitLibrary::supportsSsh()
{
    return (git_libgit2_features() & GIT_FEATURE_SSH) != 0;
}

} // namespace Fluxdeck::Git
