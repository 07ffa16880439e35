#pragma once

#include <QString>

namespace Fluxdeck::Git {

// Keeps libgit2 initialised while alive. libgit2 counts init/shutdown pairs, so nested
// instances (the app and a test, say) are fine.
class GitLibrary final
{
public:
    GitLibrary();
    ~GitLibrary();
    Q_DISABLE_COPY_MOVE(GitLibrary)

    static QString version();   // the libgit2 actually loaded, e.g. "1.9.0"
    static bool supportsHttps();
    static bool supportsSsh();
};

} // namespace Fluxdeck::Git
