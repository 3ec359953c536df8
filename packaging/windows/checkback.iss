; Inno Setup 6 script for Checkback's Windows installer: per user (no administrator rights),
; into %LOCALAPPDATA%\Programs\Checkback, with a Start-menu entry, an uninstaller (Settings →
; Apps) and, if the agent ticks it, a start at sign-in. The agent's data folder is left alone
; on uninstall.
;
; Built by the release workflow from the PyInstaller folder, with the version pyproject.toml
; gives:
;   iscc /DAppVersion=0.1.0 packaging\windows\checkback.iss
; Optional: /DBundleDir=... (default dist\checkback), /DInstallerDir=... (default dist\installer),
; /DSign with /Scheckback="signtool sign ... $f" to sign the installer and the uninstaller.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z checkback.iss
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\checkback"
#endif
#ifndef InstallerDir
  #define InstallerDir "..\..\dist\installer"
#endif

[Setup]
; The AppId ties upgrades and the uninstaller to one another: never change it.
AppId={{5A0C3B8E-7D4F-4E61-9C2A-3F1B6D8E2C47}
AppName=Checkback
AppVersion={#AppVersion}
AppVerName=Checkback {#AppVersion}
AppPublisher=Checkback
VersionInfoProductName=Checkback
; Per user: no UAC prompt; {autopf} is then the user's own Programs folder.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={autopf}\Checkback
DefaultGroupName=Checkback
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#InstallerDir}
OutputBaseFilename=Checkback-{#AppVersion}-windows-setup
SetupIconFile=..\..\resources\icons\checkback.ico
UninstallDisplayIcon={app}\checkback.exe
UninstallDisplayName=Checkback
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; A running Checkback is asked to close before its files are replaced.
CloseApplications=yes
#ifdef Sign
SignTool=checkback
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "startatlogin"; Description: "Start Checkback when I sign in to Windows"; GroupDescription: "When to start:"; Flags: unchecked
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the bundle whole, so no file of an older version lingers beside it.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\Checkback"; Filename: "{app}\checkback.exe"; Comment: "Policies, checklist, phrases and follow-ups for customer conversations"
Name: "{autodesktop}\Checkback"; Filename: "{app}\checkback.exe"; Tasks: desktopicon

[Registry]
; Start at sign-in: the current user's Run key, removed again by the uninstaller.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; ValueName: "Checkback"; ValueData: """{app}\checkback.exe"""; Flags: uninsdeletevalue; Tasks: startatlogin

[Run]
Filename: "{app}\checkback.exe"; Description: "{cm:LaunchProgram,Checkback}"; Flags: nowait postinstall skipifsilent
