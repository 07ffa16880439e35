# Finds Fluxdeck's dependencies. A missing one stops configuration with the package names that
# provide it on Debian/Ubuntu and Fedora, so a new contributor knows what to install.

function(fluxdeck_require found what debian fedora)
    if(NOT ${found})
        message(FATAL_ERROR
            "Fluxdeck needs ${what}, which was not found.\n"
            "  Debian 13 / Ubuntu 24.10+:  sudo apt install ${debian}\n"
            "  Fedora:                     sudo dnf install ${fedora}\n"
            "  Or build in Fluxdeck's Debian 13 root:  installer/dev test")
    endif()
endfunction()

find_package(Qt6 6.8 QUIET COMPONENTS Core Gui Widgets Network NetworkAuth Test Svg HttpServer LinguistTools)
fluxdeck_require(Qt6_FOUND "Qt >= 6.8 (Core Gui Widgets Network NetworkAuth Test Svg HttpServer LinguistTools)"
    "qt6-base-dev qt6-networkauth-dev qt6-svg-dev qt6-httpserver-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools"
    "qt6-qtbase-devel qt6-qtnetworkauth-devel qt6-qtsvg-devel qt6-qthttpserver-devel qt6-qttools-devel qt6-linguist")

find_package(KF6SyntaxHighlighting 6.0 QUIET)
fluxdeck_require(KF6SyntaxHighlighting_FOUND "KDE Frameworks 6 SyntaxHighlighting"
    "libkf6syntaxhighlighting-dev" "kf6-syntax-highlighting-devel")

find_package(Qt6Keychain QUIET)
fluxdeck_require(Qt6Keychain_FOUND "QtKeychain for Qt 6" "qtkeychain-qt6-dev" "qtkeychain-qt6-devel")

find_package(PkgConfig QUIET)
fluxdeck_require(PkgConfig_FOUND "pkg-config" "pkgconf" "pkgconf-pkg-config")

pkg_check_modules(LIBGIT2 QUIET IMPORTED_TARGET libgit2>=1.5)
fluxdeck_require(LIBGIT2_FOUND "libgit2 >= 1.5" "libgit2-dev" "libgit2-devel")

pkg_check_modules(YAMLCPP QUIET IMPORTED_TARGET yaml-cpp>=0.7)
fluxdeck_require(YAMLCPP_FOUND "yaml-cpp >= 0.7" "libyaml-cpp-dev" "yaml-cpp-devel")

find_package(OpenSSL 3.0 QUIET COMPONENTS Crypto)
fluxdeck_require(OpenSSL_FOUND "OpenSSL >= 3.0 (the sandbox makes its own certificates)" "libssl-dev" "openssl-devel")
