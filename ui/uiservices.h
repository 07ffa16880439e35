#pragma once

class QSettings;

namespace KSyntaxHighlighting {
class Repository;
}

namespace Fluxdeck::Items {
class AzureSession;
class OperationsModel;
}

namespace Fluxdeck::Ui {

class Localization;

// What the composition root hands to the windows: one of each, owned by app/main.cpp (or a test).
struct UiServices
{
    QSettings &settings;
    KSyntaxHighlighting::Repository &highlighting;
    Items::OperationsModel &operations;
    Localization &localization;
    // Signing in to the chosen cloud; without one (some tests) the explorer stays signed out.
    Items::AzureSession *session = nullptr;
};

} // namespace Fluxdeck::Ui
