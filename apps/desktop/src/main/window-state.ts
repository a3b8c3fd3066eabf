import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { screen, type BrowserWindow, type Rectangle } from 'electron';

type WindowState = { bounds: Rectangle; maximized: boolean };

const DEFAULT_STATE: WindowState = { bounds: { x: 0, y: 0, width: 1366, height: 768 }, maximized: false };

/** The last window position and size, if it still fits on a connected display. */
export function loadWindowState(userDataDir: string): WindowState & { centered: boolean } {
  const file = join(userDataDir, 'window-state.json');
  try {
    if (!existsSync(file)) return { ...DEFAULT_STATE, centered: true };
    const state = JSON.parse(readFileSync(file, 'utf8')) as WindowState;
    const visible = screen.getAllDisplays().some(({ workArea }) => {
      const { x, y, width, height } = state.bounds;
      return (
        x < workArea.x + workArea.width &&
        x + width > workArea.x &&
        y < workArea.y + workArea.height &&
        y + height > workArea.y
      );
    });
    return visible ? { ...state, centered: false } : { ...DEFAULT_STATE, centered: true };
  } catch {
    return { ...DEFAULT_STATE, centered: true };
  }
}

export function rememberWindowState(window: BrowserWindow, userDataDir: string): void {
  window.on('close', () => {
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    writeFileSync(join(userDataDir, 'window-state.json'), JSON.stringify(state));
  });
}
