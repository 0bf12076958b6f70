; Inno Setup script: a Windows installer from the PyInstaller onedir build.
;
;   py scripts\build_app.py                       (makes dist\SmallDataStudio\)
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 resources\installer\smalldata.iss
;
; Output: dist\installer\SmallDataStudio-<version>-setup.exe. Per-user install by default (no
; admin rights needed, as most office laptops require); the user data folder
; (%APPDATA%\SmallDataStudio: workspaces, logs) is never removed by the uninstaller.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "SmallData Studio"
#define AppNameZh "小数据工作室"
#define ExeName "SmallDataStudio.exe"
#define Root "..\.."

[Setup]
AppId={{6F1C9C5E-2B7A-4C1E-9E0B-5D3A7A1F4C21}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=SmallData
DefaultDirName={autopf}\SmallDataStudio
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist\installer
OutputBaseFilename=SmallDataStudio-{#AppVersion}-setup
SetupIconFile={#Root}\resources\icons\app.ico
UninstallDisplayIcon={app}\{#ExeName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
; ChineseSimplified.isl ships with Inno Setup 6.3+ (older versions: get it from the
; Inno Setup translations page and put it next to this file).
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#Root}\dist\SmallDataStudio\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#ExeName}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#ExeName}"; Tasks: desktopicon

[Registry]
; Double-clicking a workspace file opens it in the app.
Root: HKA; Subkey: "Software\Classes\.sdstudio"; ValueType: string; ValueName: ""; ValueData: "SmallDataStudio.Workspace"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\SmallDataStudio.Workspace"; ValueType: string; ValueName: ""; ValueData: "{#AppName} workspace"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\SmallDataStudio.Workspace\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#ExeName},0"
Root: HKA; Subkey: "Software\Classes\SmallDataStudio.Workspace\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#ExeName}"" --workspace ""%1"""

[Run]
; (Test a build before packaging it: scripts/build_app.py runs the frozen app with --smoke.)
Filename: "{app}\{#ExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
