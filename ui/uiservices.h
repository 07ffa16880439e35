#pragma once

class QSettings;

namespace KSyntaxHighlighting {
class Repository;
}

namespace Fluxdeck::Items {
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
};

} // namespace Fluxdeck::Ui
