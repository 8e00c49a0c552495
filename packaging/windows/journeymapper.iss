; Inno Setup 6 script: installs the PyInstaller one-folder build of journeymapper on Windows,
; registers .jmap files with it, adds a Start-menu entry and an uninstaller.
;
; Build (on Windows, from the repository root; see packaging/windows/README.md):
;   .venv\Scripts\python packaging\bundle\make_icons.py
;   set JOURNEYMAPPER_WINDOWED=1
;   .venv\Scripts\pyinstaller --noconfirm --clean --workpath build\bundle --distpath dist packaging\bundle\journeymapper.spec
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\journeymapper.iss
; -> dist\journeymapper-0.1.0-setup.exe
;
; The windowed build holds journeymapper-gui.exe (the editor, without a console window: the
; Start menu and .jmap files start it) and journeymapper.exe (the same program for the command
; line: check, export, new...), the names a pip install gives too.
; Paths below are relative to this script's folder.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Journeymapper"
#define AppExe "journeymapper-gui.exe"
#define ProgId "journeymapper.map"
#define Root "..\.."

[Setup]
; Never change AppId: Windows finds the installed copy (to upgrade or uninstall it) by it.
AppId={{51B6A0A6-DA26-4556-B3B6-119E3E46B4D2}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The journeymapper team
AppComments=A desktop editor for customer journey maps: draw, check and print them offline.
VersionInfoVersion={#AppVersion}
; Install for the current user without administrator rights by default; the dialog lets an
; administrator install for all users instead (HKA and {auto...} follow that choice).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Tell Explorer that file associations changed (refreshes the .jmap icon without a restart).
ChangesAssociations=yes
SetupIconFile={#Root}\build\icons\journeymapper.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir={#Root}\dist
OutputBaseFilename=journeymapper-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder build: the executables and _internal\ (Python, Qt, our resources and icons).
Source: "{#Root}\dist\journeymapper\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#Root}\build\icons\journeymapper-document.ico"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Customer journey map editor"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .jmap -> our ProgID (HKA: HKCU for a per-user install, HKLM for all users).
Root: HKA; Subkey: "Software\Classes\.jmap"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.jmap"; ValueType: string; ValueName: "Content Type"; ValueData: "application/vnd.journeymapper+json"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.jmap\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
; The ProgID: its name in Explorer, its icon, and how to open a file.
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Journey map"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\journeymapper-document.ico"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
; "Open with" lists the program under its own name, and only for .jmap files.
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".jmap"; ValueData: ""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey

; The uninstaller (Settings > Apps, or unins000.exe in {app}) removes every file installed above,
; the Start-menu entry and these registry keys; the user's maps and settings are left alone.

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
