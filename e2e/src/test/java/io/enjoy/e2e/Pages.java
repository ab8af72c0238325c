package io.enjoy.e2e;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What a person does on the hub's pages and on the development login form. */
final class Pages {
  private Pages() {}

  /** Hub login page → development OIDC provider's form → back to the hub. */
  static void logIn(WebDriver browser, String hubUrl, String username) {
    browser.get(hubUrl + "/hub/login");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("login-button"))).click();
    WebElement name = wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
    name.sendKeys(username);
    name.submit();
  }
}
